package io.github.huashu.analyzers;

import java.util.Objects;

/**
 * A text as it was typed, and the same text cleaned of what cannot be seen: the one step every
 * reader of a message or draft takes first (matching, the emotion reading, the draft checker, the
 * result cache, the split of mixed requests), so that they all read the same text: 我要投诉 with a
 * zero-width space (U+200B) between 投 and 诉 reads as 我要投诉 to every one of them.
 *
 * <p>Cleaning only removes, it never replaces:
 *
 * <ul>
 *   <li>Unicode format characters (category Cf): zero-width space U+200B, the joiners U+200C and
 *       U+200D, word joiner U+2060, byte order mark U+FEFF, soft hyphen U+00AD, the bidirectional
 *       controls U+200E/U+200F, U+202A–U+202E and U+2066–U+2069, and the others of the category;
 *   <li>control characters (Cc) other than white space: tab, line feed, carriage return and the
 *       other white-space controls stay, NUL, BEL, ESC and DEL go;
 *   <li>unpaired surrogates, which are not text at all.
 * </ul>
 *
 * A zero-width joiner between two emoji (👨‍👩‍👧) and the tag characters after an emoji (the flags
 * of England or Scotland) are part of the emoji and stay, so that the emotion reader sees the same
 * emoji as the shopper. Width, script, case, spacing and emoji are as typed: {@link
 * ChineseNormalizer#fold(CharSequence)} and {@link ChineseNormalizer#normalize(CharSequence)} do
 * the rest, and {@code normalize(text)} equals {@code normalize(of(text).cleaned())}.
 *
 * <p>Positions found in the cleaned text map back into the typed text with {@link #typedStart(int)}
 * and {@link #typedEnd(int)}. Immutable and thread-safe.
 */
public final class TypedText {

  private static final int ZWJ = 0x200D;

  private final String typed;
  private final String cleaned;

  /**
   * Per UTF-16 unit of the cleaned text, its index in the typed text; null when nothing was removed
   * (most texts), the two then being the same.
   */
  private final int[] typedIndex;

  private TypedText(String typed, String cleaned, int[] typedIndex) {
    this.typed = typed;
    this.cleaned = cleaned;
    this.typedIndex = typedIndex;
  }

  /** Cleans a text; costs one scan and no copy when there is nothing to remove. */
  public static TypedText of(String typed) {
    Objects.requireNonNull(typed, "typed");
    int first = firstRemoved(typed);
    if (first < 0) {
      return new TypedText(typed, typed, null);
    }
    StringBuilder out = new StringBuilder(typed.length());
    int[] index = new int[typed.length()];
    out.append(typed, 0, first);
    for (int i = 0; i < first; i++) {
      index[i] = i;
    }
    for (int i = first; i < typed.length(); ) {
      int cp = typed.codePointAt(i);
      int units = Character.charCount(cp);
      if (!removed(typed, i, cp, out)) {
        for (int u = 0; u < units; u++) {
          index[out.length()] = i + u;
          out.append(typed.charAt(i + u));
        }
      }
      i += units;
    }
    return new TypedText(typed, out.toString(), java.util.Arrays.copyOf(index, out.length()));
  }

  /** The text without what cannot be seen; the same string as typed if nothing was removed. */
  public static String clean(String typed) {
    return of(typed).cleaned();
  }

  public String typed() {
    return typed;
  }

  public String cleaned() {
    return cleaned;
  }

  /** Whether nothing was removed. */
  public boolean unchanged() {
    return typedIndex == null;
  }

  /**
   * Where the unit at {@code cleanedIndex} of the cleaned text is in the typed text; the typed
   * text's length for the cleaned text's length.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= cleanedIndex <= cleaned().length()}
   */
  public int typedStart(int cleanedIndex) {
    Objects.checkIndex(cleanedIndex, cleaned.length() + 1);
    if (typedIndex == null) {
      return cleanedIndex;
    }
    return cleanedIndex == cleaned.length() ? typed.length() : typedIndex[cleanedIndex];
  }

  /**
   * Where a span of the cleaned text that ends (exclusive) at {@code cleanedEnd} ends in the typed
   * text: just after its last unit, so a span of the typed text includes what was removed inside it
   * but nothing after it. For an empty span, use {@link #typedStart(int)} for both ends.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 < cleanedEnd <= cleaned().length()}
   */
  public int typedEnd(int cleanedEnd) {
    if (cleanedEnd <= 0 || cleanedEnd > cleaned.length()) {
      throw new IndexOutOfBoundsException(
          "expected an end in [1, " + cleaned.length() + "] but was " + cleanedEnd);
    }
    return typedIndex == null ? cleanedEnd : typedIndex[cleanedEnd - 1] + 1;
  }

  /** The index of the first unit cleaning removes, or -1. */
  private static int firstRemoved(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      // Most characters are none of these: one type look-up decides.
      int type = Character.getType(cp);
      if ((type == Character.FORMAT || type == Character.CONTROL || type == Character.SURROGATE)
          && removedAlone(text, i, cp)) {
        return i;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }

  /**
   * Whether the code point at {@code at} is removed, the cleaned text so far being {@code kept} (an
   * emoji joiner needs the emoji before it to have been kept).
   */
  private static boolean removed(String text, int at, int cp, CharSequence kept) {
    if (cp == ZWJ || isTag(cp)) {
      return !joinsEmoji(text, at, cp, kept);
    }
    return invisible(cp);
  }

  /** {@link #removed} for the first removal, where everything before was kept. */
  private static boolean removedAlone(String text, int at, int cp) {
    return removed(text, at, cp, text.subSequence(0, at));
  }

  private static boolean invisible(int cp) {
    return switch (Character.getType(cp)) {
      case Character.FORMAT, Character.SURROGATE -> true;
      case Character.CONTROL -> !Character.isWhitespace(cp);
      default -> false;
    };
  }

  /**
   * A joiner between an emoji (or its modifier) and another emoji, or a tag character after an
   * emoji or another tag: part of an emoji sequence. Both sides are what is seen, so that inserting
   * invisible characters anywhere never changes the cleaned text.
   */
  private static boolean joinsEmoji(String text, int at, int cp, CharSequence kept) {
    if (kept.length() == 0) {
      return false;
    }
    int before = Character.codePointBefore(kept, kept.length());
    if (isTag(cp)) {
      return ChineseNormalizer.isEmoji(before) || isTag(before);
    }
    // The next code point that can be seen: a zero-width space between the joiner and the emoji
    // does not break the sequence, as it did not before the joiner.
    int next = -1;
    for (int i = at + Character.charCount(cp); i < text.length(); ) {
      int c = text.codePointAt(i);
      if (!invisible(c)) {
        next = c;
        break;
      }
      i += Character.charCount(c);
    }
    return (ChineseNormalizer.isEmoji(before) || ChineseNormalizer.isEmojiModifier(before))
        && ChineseNormalizer.isEmoji(next);
  }

  private static boolean isTag(int cp) {
    return cp >= 0xE0020 && cp <= 0xE007F;
  }

  @Override
  public String toString() {
    return "TypedText[" + typed.length() + " typed, " + cleaned.length() + " cleaned]";
  }
}
