package io.github.huashu.internal.features;

import java.util.Arrays;

/**
 * The set of character unigrams and bigrams of a text, as sorted distinct ints (a bigram of two
 * UTF-16 units is {@code first << 16 | second}, which cannot collide with a unigram), compared with
 * the Dice coefficient. Not API. Immutable.
 */
public final class Grams {

  static final Grams EMPTY = new Grams(new int[0]);

  private final int[] sorted;

  private Grams(int[] sorted) {
    this.sorted = sorted;
  }

  public static Grams of(CharSequence text) {
    int n = text.length();
    if (n == 0) {
      return EMPTY;
    }
    int[] grams = new int[2 * n - 1];
    int k = 0;
    for (int i = 0; i < n; i++) {
      grams[k++] = text.charAt(i);
      if (i + 1 < n) {
        grams[k++] = (text.charAt(i) << 16) | text.charAt(i + 1);
      }
    }
    Arrays.sort(grams, 0, k);
    int distinct = 0;
    for (int i = 0; i < k; i++) {
      if (i == 0 || grams[i] != grams[i - 1]) {
        grams[distinct++] = grams[i];
      }
    }
    return new Grams(Arrays.copyOf(grams, distinct));
  }

  /** The grams, sorted; callers must not modify the array. */
  public int[] values() {
    return sorted;
  }

  public int size() {
    return sorted.length;
  }

  /** Dice coefficient: twice the shared grams over the sum of sizes; 0 when both are empty. */
  public double dice(Grams other) {
    return dice(sorted, other.sorted, 0, other.sorted.length);
  }

  /** Dice of sorted grams {@code a} and the sorted run {@code b[from, to)}. */
  static double dice(int[] a, int[] b, int from, int to) {
    if (a.length == 0 || to == from) {
      return 0;
    }
    int i = 0;
    int j = from;
    int shared = 0;
    // Branch-free merge: which side advances is data, not a jump the CPU must guess.
    while (i < a.length && j < to) {
      int x = a[i];
      int y = b[j];
      shared += x == y ? 1 : 0;
      i += x <= y ? 1 : 0;
      j += x >= y ? 1 : 0;
    }
    return 2.0 * shared / (a.length + to - from);
  }
}
