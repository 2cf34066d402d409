package io.github.huashu.analyzers;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds the many ways a shopper can type the same Chinese question onto one form.
 *
 * <p>{@link #fold(char)} maps one UTF-16 unit to exactly one unit, so it can run inside a {@link
 * org.apache.lucene.analysis.CharFilter} without disturbing offsets:
 *
 * <ul>
 *   <li>full-width ASCII ({@code ｉＰｈｏｎｅ１５？}) and the ideographic space become half-width;
 *   <li>Traditional characters become Simplified, character by character, using HanLP's {@code t2s}
 *       table (only entries that map one BMP character to one BMP character);
 *   <li>letters are lower-cased ({@link Character#toLowerCase(char)}, locale independent).
 * </ul>
 *
 * {@link #normalize(CharSequence)} additionally drops control, format and emoji code points and
 * collapses runs of white space; {@link #emoji(CharSequence)} returns the emoji it dropped, because
 * they are signals of the shopper's mood. {@link TypedText} is the step before, for readers that
 * need the emoji and the punctuation: it removes only what cannot be seen, and normalising its
 * cleaned text gives what normalising the typed text gives.
 *
 * <p>This class is stateless; its table is loaded once and never changes. Thread-safe.
 */
public final class ChineseNormalizer {

  private static final String T2S_RESOURCE = "data/dictionary/tc/t2s.txt";

  /** Traditional to Simplified, indexed by BMP code unit; 0 where there is no mapping. */
  private static final char[] T2S = loadT2s();

  private ChineseNormalizer() {}

  /**
   * Folds a single UTF-16 unit: width, script and case. Surrogates and characters without a mapping
   * are returned unchanged.
   */
  public static char fold(char c) {
    if (c >= '\uFF01' && c <= '\uFF5E') {
      c = (char) (c - 0xFEE0);
    } else if (c == '\u3000') {
      return ' ';
    }
    char simplified = T2S[c];
    return simplified != 0 ? simplified : Character.toLowerCase(c);
  }

  /**
   * Returns the text folded unit by unit with {@link #fold(char)}, nothing dropped: an index into
   * the result is the same index into the text.
   */
  public static String fold(CharSequence text) {
    char[] chars = new char[text.length()];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = fold(text.charAt(i));
    }
    return new String(chars);
  }

  /**
   * Returns the text folded with {@link #fold(char)}, without control, format and emoji code
   * points, with every run of white space collapsed to one space and no leading or trailing space.
   */
  public static String normalize(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      i += Character.charCount(cp);
      if (isWhitespace(cp)) {
        pendingSpace = out.length() > 0;
        continue;
      }
      if (isDropped(cp)) {
        continue;
      }
      if (pendingSpace) {
        out.append(' ');
        pendingSpace = false;
      }
      if (cp < Character.MIN_SUPPLEMENTARY_CODE_POINT) {
        char folded = fold((char) cp);
        if (folded == ' ') {
          pendingSpace = out.length() > 0;
        } else {
          out.append(folded);
        }
      } else {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  /**
   * Returns the emoji of the text in order of appearance, each with its modifiers and joined
   * sequences kept together ({@code "👍🏻"}, {@code "👨‍👩‍👧"}), so that they can be read as
   * signals.
   */
  public static List<String> emoji(CharSequence text) {
    List<String> found = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean joinNext = false;
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      i += Character.charCount(cp);
      if (isEmojiModifier(cp)) {
        if (current.length() > 0) {
          current.appendCodePoint(cp);
          joinNext = cp == 0x200D;
        }
        continue;
      }
      if (isEmoji(cp)) {
        if (current.length() > 0 && !joinNext) {
          found.add(current.toString());
          current.setLength(0);
        }
        current.appendCodePoint(cp);
        joinNext = false;
        continue;
      }
      if (current.length() > 0) {
        found.add(current.toString());
        current.setLength(0);
      }
      joinNext = false;
    }
    if (current.length() > 0) {
      found.add(current.toString());
    }
    return List.copyOf(found);
  }

  /** Whether a code point is removed by {@link #normalize(CharSequence)}. */
  static boolean isDropped(int cp) {
    if (isEmoji(cp) || isEmojiModifier(cp)) {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.PRIVATE_USE:
      case Character.SURROGATE:
      case Character.UNASSIGNED:
        return true;
      default:
        return false;
    }
  }

  private static boolean isWhitespace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }

  /** Pictographs and symbols that shoppers use as emoji. */
  static boolean isEmoji(int cp) {
    return (cp >= 0x1F000 && cp <= 0x1FAFF) // emoticons, pictographs, transport, flags, ...
        || (cp >= 0x2600 && cp <= 0x27BF) // miscellaneous symbols and dingbats (☀ ✔ ❤)
        || (cp >= 0x2B00 && cp <= 0x2BFF) // arrows and stars (⭐ ⭕)
        || (cp >= 0x2300 && cp <= 0x23FF) // technical (⌚ ⏰ ⏳)
        || cp == 0x3030
        || cp == 0x303D
        || cp == 0x3297
        || cp == 0x3299;
  }

  /**
   * Code points that only modify or join emoji: ZWJ, keycap, skin tones, variation selectors, tags.
   */
  static boolean isEmojiModifier(int cp) {
    return cp == 0x200D
        || cp == 0x20E3
        || (cp >= 0x1F3FB && cp <= 0x1F3FF)
        || (cp >= 0xFE00 && cp <= 0xFE0F)
        || (cp >= 0xE0020 && cp <= 0xE007F);
  }

  private static char[] loadT2s() {
    char[] table = new char[Character.MAX_VALUE + 1];
    ClassLoader loader = ChineseNormalizer.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(T2S_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "HanLP's Traditional-to-Simplified table '"
                + T2S_RESOURCE
                + "' is not on the class path; is the hanlp portable jar missing?");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        // Lines are "繁=简"; only single BMP characters on both sides keep fold() length-preserving.
        if (line.length() == 3 && line.charAt(1) == '=') {
          char from = line.charAt(0);
          char to = line.charAt(2);
          if (!Character.isSurrogate(from) && !Character.isSurrogate(to)) {
            table[from] = to;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + T2S_RESOURCE, e);
    }
    return table;
  }
}
