package io.github.huashu.internal.retrieve;

import io.github.huashu.internal.features.Grams;
import io.github.huashu.internal.snapshot.SnapshotInput;
import io.github.huashu.internal.snapshot.SnapshotOutput;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * One intent's examples as an inverted list: each distinct gram with the examples that have it. The
 * nearest-example search runs over every example of every candidate; merging the question once with
 * the intent's distinct grams and counting shared grams per example does a third of the work of a
 * Dice merge per example (examples of one intent share most of their grams).
 */
public final class NearestExamples {
  /** The intent's distinct grams, ascending. */
  private final int[] grams;

  /** Gram {@code g} is in the examples {@code members[starts[g]..starts[g + 1])}. */
  private final int[] starts;

  private final int[] members;

  /** Per example: how many grams it has, and its ordinal within its intent. */
  private final int[] sizes;

  private final int[] examples;

  private NearestExamples(int[] grams, int[] starts, int[] members, int[] sizes, int[] examples) {
    this.grams = grams;
    this.starts = starts;
    this.members = members;
    this.sizes = sizes;
    this.examples = examples;
  }

  /** Writes the packed arrays. */
  public void write(SnapshotOutput out) {
    out.writeInts(grams);
    out.writeInts(starts);
    out.writeInts(members);
    out.writeInts(sizes);
    out.writeInts(examples);
  }

  /** Reads what {@link #write} wrote. */
  public static NearestExamples read(SnapshotInput in) {
    int[] grams = in.readInts();
    int[] starts = in.readInts();
    int[] members = in.readInts();
    int[] sizes = in.readInts();
    int[] examples = in.readInts();
    boolean ok =
        starts.length == grams.length + 1
            && sizes.length == examples.length
            && starts[0] == 0
            && starts[grams.length] == members.length;
    for (int g = 0; ok && g < grams.length; g++) {
      ok = starts[g] <= starts[g + 1];
    }
    for (int m = 0; ok && m < members.length; m++) {
      ok = members[m] >= 0 && members[m] < sizes.length;
    }
    if (!ok) {
      throw new SnapshotInput.Malformed(
          "expected consistent nearest-example arrays but they were not");
    }
    return new NearestExamples(grams, starts, members, sizes, examples);
  }

  /**
   * Packs one intent's examples.
   *
   * @param texts the examples' grams
   * @param ordinals each example's ordinal within its intent
   */
  public static NearestExamples of(List<Grams> texts, int[] ordinals) {
    int n = texts.size();
    int[] sizes = new int[n];
    int[] examples = ordinals.clone();
    int total = 0;
    for (int e = 0; e < n; e++) {
      sizes[e] = texts.get(e).size();
      total += sizes[e];
    }
    // (gram, example) pairs sorted by gram then example: a long per pair sorts both at once.
    long[] pairs = new long[total];
    int at = 0;
    for (int e = 0; e < n; e++) {
      for (int gram : texts.get(e).values()) {
        pairs[at++] = ((long) gram << 32) | e;
      }
    }
    Arrays.sort(pairs);
    int[] members = new int[total];
    int[] grams = new int[total];
    int[] starts = new int[total + 1];
    int distinct = 0;
    for (int i = 0; i < total; i++) {
      int gram = (int) (pairs[i] >> 32);
      if (distinct == 0 || grams[distinct - 1] != gram) {
        grams[distinct] = gram;
        starts[distinct] = i;
        distinct++;
      }
      members[i] = (int) pairs[i];
    }
    starts[distinct] = total;
    return new NearestExamples(
        Arrays.copyOf(grams, distinct),
        Arrays.copyOf(starts, distinct + 1),
        members,
        sizes,
        examples);
  }

  /**
   * The example most similar to the question by Dice coefficient (the first of equals), as its
   * ordinal within the intent with its similarity; ordinal -1 and 0 when none shares a gram.
   */
  public Nearest nearest(Grams question) {
    return nearest(question, null);
  }

  /**
   * As {@link #nearest(Grams)}, passing over the examples whose ordinal {@code skipped} accepts
   * (null: none): calibration asks as if some examples had not been trained on.
   */
  public Nearest nearest(Grams question, IntPredicate skipped) {
    int[] q = question.values();
    if (q.length == 0) {
      return Nearest.NONE;
    }
    int[] shared = new int[sizes.length];
    // A question has a few dozen grams, an intent's examples hundreds or thousands: each
    // question gram is looked up by binary search in what is left, not met in a merge.
    int from = 0;
    for (int i = 0; i < q.length && from < grams.length; i++) {
      int j = Arrays.binarySearch(grams, from, grams.length, q[i]);
      if (j >= 0) {
        for (int m = starts[j]; m < starts[j + 1]; m++) {
          shared[members[m]]++;
        }
        from = j + 1;
      } else {
        from = -j - 1;
      }
    }
    // Dice is 2s / (q + size): compared as fractions in integers (cross-multiplied), the one
    // division left is the winner's. Distinct fractions of such small terms are far more than a
    // double's rounding apart, so the winner is the one comparing the divided doubles would pick.
    int best = -1;
    long bestShared = 0;
    long bestSum = 1;
    for (int e = 0; e < sizes.length; e++) {
      if (skipped != null && skipped.test(examples[e])) {
        continue;
      }
      long s = shared[e];
      long sum = q.length + sizes[e];
      if (s * bestSum > bestShared * sum) {
        bestShared = s;
        bestSum = sum;
        best = e;
      }
    }
    return best < 0
        ? Nearest.NONE
        : new Nearest(examples[best], 2.0 * shared[best] / (q.length + sizes[best]));
  }

  /** The nearest example of an intent: its ordinal (or -1) and Dice similarity. */
  public record Nearest(int example, double similarity) {
    public static final Nearest NONE = new Nearest(-1, 0);
  }
}
