package io.github.huashu.cli.triage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Leader clustering over sets of features, in O(n·k) with an inverted index instead of O(n²).
 *
 * <p>Items are taken in the order given (most frequent first): an item joins the first-indexed,
 * most similar leader it reaches the threshold with, or becomes a leader itself. Only leaders are
 * compared with, so every member of a group is similar to its leader, the group's most frequent
 * item. A prefix filter (features ordered rarest first; only a prefix of each set is indexed and
 * probed) skips pairs that cannot reach the threshold without missing any that can.
 */
final class Leaders {

  /** How similar two items are. */
  enum Measure {
    /** Shared features over all features (unweighted). */
    JACCARD,
    /** Cosine of the vectors weighted by inverse document frequency (rare features count more). */
    COSINE
  }

  /** Leaders compared with through one feature at most: bounds the work on very common features. */
  static final int MAX_POSTINGS = 2000;

  private Leaders() {}

  /**
   * For each item, the index of its leader (its own index if it leads).
   *
   * @param items each item's features, in processing order
   * @param threshold the similarity an item needs to its leader
   */
  static int[] cluster(
      List<? extends Collection<String>> items, Measure measure, double threshold) {
    int n = items.size();
    // Feature ids, ranked rarest first: the global order of the prefix filter.
    Map<String, int[]> df = new HashMap<>();
    for (Collection<String> item : items) {
      for (String f : item) {
        df.computeIfAbsent(f, k -> new int[1])[0]++;
      }
    }
    List<Map.Entry<String, int[]>> byRarity = new ArrayList<>(df.entrySet());
    byRarity.sort(
        (a, b) ->
            a.getValue()[0] != b.getValue()[0]
                ? Integer.compare(a.getValue()[0], b.getValue()[0])
                : a.getKey().compareTo(b.getKey()));
    Map<String, Integer> rank = new HashMap<>(byRarity.size() * 2);
    double[] weight = new double[byRarity.size()];
    for (int r = 0; r < byRarity.size(); r++) {
      rank.put(byRarity.get(r).getKey(), r);
      weight[r] =
          measure == Measure.COSINE ? Math.log((double) n / byRarity.get(r).getValue()[0]) + 1 : 1;
    }
    int[][] sets = new int[n][];
    double[] norms = new double[n];
    int[] prefixes = new int[n];
    for (int i = 0; i < n; i++) {
      int[] set = items.get(i).stream().mapToInt(rank::get).sorted().distinct().toArray();
      sets[i] = set;
      double norm = 0;
      for (int f : set) {
        norm += weight[f] * weight[f];
      }
      norms[i] = Math.sqrt(norm);
      prefixes[i] = prefix(set, weight, norms[i], measure, threshold);
    }

    int[][] postings = new int[byRarity.size()][];
    int[] postingSizes = new int[byRarity.size()];
    int[] seen = new int[n];
    Arrays.fill(seen, -1);
    int[] leaderOf = new int[n];
    for (int i = 0; i < n; i++) {
      int[] set = sets[i];
      int best = -1;
      double bestSimilarity = -1;
      for (int p = 0; p < prefixes[i]; p++) {
        int f = set[p];
        int[] posting = postings[f];
        int size = Math.min(postingSizes[f], MAX_POSTINGS);
        for (int k = 0; k < size; k++) {
          int leader = posting[k];
          if (seen[leader] == i) {
            continue;
          }
          seen[leader] = i;
          double s = similarity(set, norms[i], sets[leader], norms[leader], weight, measure);
          if (s >= threshold - 1e-9
              && (s > bestSimilarity + 1e-12 || (s >= bestSimilarity - 1e-12 && leader < best))) {
            best = leader;
            bestSimilarity = s;
          }
        }
      }
      if (best >= 0) {
        leaderOf[i] = best;
        continue;
      }
      leaderOf[i] = i;
      for (int p = 0; p < prefixes[i]; p++) {
        int f = set[p];
        if (postings[f] == null) {
          postings[f] = new int[4];
        } else if (postingSizes[f] == postings[f].length) {
          postings[f] = Arrays.copyOf(postings[f], postings[f].length * 2);
        }
        postings[f][postingSizes[f]++] = i;
      }
    }
    return leaderOf;
  }

  /**
   * How many of a set's rarest features two similar sets must share one of. Jaccard: a set of n
   * features can only reach t with one that shares one of its first n - ⌈t·n⌉ + 1. Cosine: if the
   * rest of each vector weighs less than t/2 (of a unit vector), two vectors sharing nothing in
   * their prefixes score below t/2 + t/2.
   */
  private static int prefix(
      int[] set, double[] weight, double norm, Measure measure, double threshold) {
    if (set.length == 0) {
      return 0;
    }
    if (measure == Measure.JACCARD) {
      int keep = (int) Math.ceil(threshold * set.length - 1e-9);
      return Math.max(1, Math.min(set.length, set.length - keep + 1));
    }
    double rest = 0;
    int p = set.length;
    while (p > 1) {
      double w = weight[set[p - 1]] / norm;
      if (Math.sqrt(rest + w * w) >= threshold / 2) {
        break;
      }
      rest += w * w;
      p--;
    }
    return p;
  }

  private static double similarity(
      int[] a, double normA, int[] b, double normB, double[] weight, Measure measure) {
    int i = 0;
    int j = 0;
    int shared = 0;
    double dot = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        shared++;
        dot += weight[a[i]] * weight[a[i]];
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    if (measure == Measure.JACCARD) {
      return (double) shared / (a.length + b.length - shared);
    }
    return dot / (normA * normB);
  }
}
