package io.github.huashu.internal.corpus;

import java.util.Locale;

/**
 * Quotes a corpus file's text in a message: at most {@link #MAX_LENGTH} characters of it, with what
 * a screen would not show (control and format characters such as U+200B or the right-to-left
 * override U+202E, line breaks, unpaired surrogates) written as escapes. A message must not carry a
 * whole file back to whoever reads it (a file can be a link to one that was never meant to be
 * shown), nor hide what is really in the text. Stateless.
 */
public final class Excerpt {

  /** Characters of a file's text quoted in a message, at most; longer text ends in "…". */
  public static final int MAX_LENGTH = 40;

  private Excerpt() {}

  /** The text as a message quotes it, without the quotes. */
  public static String of(String text) {
    return escaped(text, MAX_LENGTH);
  }

  /**
   * The text with what a screen would not show escaped, however long: for the parsers' own
   * messages, which are already short.
   */
  static String visible(String text) {
    return escaped(text, Integer.MAX_VALUE);
  }

  private static String escaped(String text, int maxLength) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (int taken = 0; i < text.length() && taken < maxLength; taken++) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\n') {
        out.append("\\n");
      } else if (cp == '\r') {
        out.append("\\r");
      } else if (cp == '\t') {
        out.append("\\t");
      } else if (invisible(cp)) {
        for (char unit : Character.toChars(cp)) {
          out.append(String.format(Locale.ROOT, "\\u%04X", (int) unit));
        }
      } else {
        out.appendCodePoint(cp);
      }
    }
    if (i < text.length()) {
      out.append('…');
    }
    return out.toString();
  }

  /** Whether a character is one a screen shows as nothing, or as something else than it is. */
  static boolean invisible(int cp) {
    switch (Character.getType(cp)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.SURROGATE:
      case Character.PRIVATE_USE:
      case Character.UNASSIGNED:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
        return true;
      default:
        return false;
    }
  }
}
