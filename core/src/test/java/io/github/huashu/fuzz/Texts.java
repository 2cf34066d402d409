package io.github.huashu.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.huashu.Suggester;
import java.util.SplittableRandom;

/** Turns fuzzer bytes into texts, and hides invisible characters in them. */
final class Texts {

  /**
   * Characters cleaning always removes (never a joiner, which belongs to an emoji sequence between
   * two emoji): zero-width space and non-joiner, word joiner, byte order mark, soft hyphen, the
   * bidi marks, embeddings and isolates, BEL and ESC.
   */
  private static final int[] INVISIBLE = {
    0x200B, 0x200C, 0x2060, 0xFEFF, 0x00AD, 0x200E, 0x200F, 0x202A, 0x202E, 0x2066, 0x2069, 0x0007,
    0x001B
  };

  private Texts() {}

  /** The bytes as UTF-8 (malformed bytes become U+FFFD), at most a question's length. */
  static String questionOf(byte[] input) {
    String text = new String(input, UTF_8);
    int max = Suggester.DEFAULT_MAX_QUESTION_LENGTH;
    return text.codePointCount(0, text.length()) <= max
        ? text
        : text.substring(0, text.offsetByCodePoints(0, max));
  }

  /** The text with invisible characters inserted between code points, chosen by the seed. */
  static String spiked(String text, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i <= text.length(); ) {
      if (random.nextInt(3) == 0) {
        out.appendCodePoint(INVISIBLE[random.nextInt(INVISIBLE.length)]);
      }
      if (i == text.length()) {
        break;
      }
      int cp = text.codePointAt(i);
      out.appendCodePoint(cp);
      i += Character.charCount(cp);
    }
    return out.toString();
  }
}
