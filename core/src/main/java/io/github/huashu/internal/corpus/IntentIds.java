package io.github.huashu.internal.corpus;

import io.github.huashu.EvalCase;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an intent id and a TSV label may be. Stateless.
 *
 * <p>An id names an intent in JSON, in URLs (the suggestion service's) and on editors' screens, so
 * it is plain: lower-case ASCII words of letters and digits, joined by {@code .} (between levels,
 * {@code aftersales.return_7day}) or by {@code _} or {@code -} (within a level), starting with a
 * letter, at most {@value #MAX_LENGTH} characters. Nothing in it can hide (U+200B), turn the text
 * around (U+202E), climb folders ({@code ../}), be markup ({@code <script>}) or be read as a number
 * or a truth value ({@code 123}, {@code true}).
 */
final class IntentIds {

  private IntentIds() {}

  /** The label of out-of-scope examples in TSV files and evaluation cases. */
  static final String NONE = EvalCase.NONE;

  /**
   * The label of fragments that cannot be understood without the previous turn ("可收到?"): like
   * out-of-scope examples, they teach the engine what not to answer on its own.
   */
  static final String CONTEXT = EvalCase.CONTEXT;

  /** The labels a TSV line may carry that are not intents. */
  static final List<String> RESERVED_LABELS = List.of(NONE, CONTEXT);

  /** The longest id: ids are names, not descriptions, and every reply and URL carries one. */
  static final int MAX_LENGTH = 64;

  static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*");

  /** Words that YAML and JSON read as values, not names. */
  static final Set<String> VALUES = Set.of("true", "false", "null");

  static final String RULE =
      "expected lower-case ASCII letters and digits in words joined by '.', '_' or '-', starting"
          + " with a letter, at most "
          + MAX_LENGTH
          + " characters";

  /** Whether the text is an id. */
  static boolean isValid(String id) {
    return id.length() <= MAX_LENGTH && ID.matcher(id).matches() && !VALUES.contains(id);
  }

  /**
   * Why the text is not an id, with a "did you mean" where a cleaned form is one ({@code
   * Order.Cancel} → {@code order.cancel}); null if it is an id.
   */
  static String problem(String id) {
    if (isValid(id)) {
      return null;
    }
    String quoted = "invalid intent id '" + Excerpt.of(id) + "': ";
    if (VALUES.contains(id)) {
      return quoted + "'" + id + "' is a value in YAML and JSON, not a name";
    }
    String near = cleaned(id);
    return quoted + RULE + (near == null ? "" : " (did you mean '" + near + "'?)");
  }

  /**
   * The id an editor probably meant: full-width folded, lower case, invisible characters dropped,
   * slashes and colons read as {@code .}, any other character as {@code _}; null if that is no id
   * either.
   */
  static String cleaned(String text) {
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < folded.length(); ) {
      int cp = folded.codePointAt(i);
      i += Character.charCount(cp);
      char mapped;
      if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
        mapped = (char) cp;
      } else if (cp == '.' || cp == '/' || cp == '\\' || cp == ':' || cp == '。') {
        mapped = '.';
      } else if (cp == '-') {
        mapped = '-';
      } else if (Excerpt.invisible(cp) && !Character.isWhitespace(cp)) {
        continue;
      } else {
        mapped = '_';
      }
      boolean separator = mapped == '.' || mapped == '_' || mapped == '-';
      int last = out.length() - 1;
      if (separator && (out.length() == 0 || !Character.isLetterOrDigit(out.charAt(last)))) {
        // A run of separators becomes one: '.' if the run has one, else its first; none leads.
        if (mapped == '.' && out.length() > 0) {
          out.setCharAt(last, '.');
        }
        continue;
      }
      out.append(mapped);
    }
    while (out.length() > 0 && !Character.isLetterOrDigit(out.charAt(out.length() - 1))) {
      out.setLength(out.length() - 1);
    }
    while (out.length() > 0 && !(out.charAt(0) >= 'a' && out.charAt(0) <= 'z')) {
      out.deleteCharAt(0);
    }
    String near = out.toString();
    return isValid(near) && !near.equals(text) ? near : null;
  }
}
