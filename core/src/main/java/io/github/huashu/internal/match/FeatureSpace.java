package io.github.huashu.internal.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The vocabulary of features seen in training, with their inverse document frequencies, and the
 * mapping of a text's features to a sparse, L2-normalised tf-idf vector. Features never seen in
 * training are ignored. Immutable after construction.
 */
final class FeatureSpace {

  /** A sparse vector: ascending 0-based indices and their values. */
  record Vector(int[] index, double[] value) {
    static final Vector EMPTY = new Vector(new int[0], new double[0]);
  }

  /** Never modified after construction. */
  private final Map<String, Integer> index;
  private final double[] idf;
  private final FamilyWeights weights;

  private FeatureSpace(Map<String, Integer> index, double[] idf, FamilyWeights weights) {
    this.index = index;
    this.idf = idf;
    this.weights = weights;
  }

  /**
   * Builds the space from the features of the training texts, keeping those that occur in at least
   * {@code minDocumentFrequency} of them.
   */
  static FeatureSpace fit(
      List<Map<String, Integer>> documents, FamilyWeights weights, int minDocumentFrequency) {
    Map<String, Integer> df = new HashMap<>();
    for (Map<String, Integer> doc : documents) {
      for (String feature : doc.keySet()) {
        df.merge(feature, 1, Integer::sum);
      }
    }
    Map<String, Integer> index = new HashMap<>();
    List<Double> idf = new ArrayList<>();
    int n = documents.size();
    df.entrySet().stream()
        .filter(e -> e.getValue() >= minDocumentFrequency)
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              index.put(e.getKey(), index.size());
              idf.add(Math.log((n + 1.0) / (e.getValue() + 1.0)) + 1.0);
            });
    // A HashMap, not Map.copyOf: on a miss its probe compares cached hashes, where the immutable
    // map calls String.equals on every slot it passes (a visible cost on the hot path).
    return new FeatureSpace(
        index, idf.stream().mapToDouble(Double::doubleValue).toArray(), weights);
  }

  int size() {
    return idf.length;
  }

  Vector vector(Map<String, Integer> features) {
    int[] idx = new int[features.size()];
    double[] val = new double[features.size()];
    int k = 0;
    for (Map.Entry<String, Integer> e : features.entrySet()) {
      Integer i = index.get(e.getKey());
      if (i == null) {
        continue;
      }
      double w = weights.of(e.getKey().charAt(0));
      if (w == 0) {
        continue;
      }
      idx[k] = i;
      val[k] = w * (1 + Math.log(e.getValue())) * idf[i];
      k++;
    }
    if (k == 0) {
      return Vector.EMPTY;
    }
    // Sort by index (insertion sort over pairs: vectors are short).
    for (int a = 1; a < k; a++) {
      int ia = idx[a];
      double va = val[a];
      int b = a - 1;
      while (b >= 0 && idx[b] > ia) {
        idx[b + 1] = idx[b];
        val[b + 1] = val[b];
        b--;
      }
      idx[b + 1] = ia;
      val[b + 1] = va;
    }
    double norm = 0;
    for (int a = 0; a < k; a++) {
      norm += val[a] * val[a];
    }
    norm = Math.sqrt(norm);
    for (int a = 0; a < k; a++) {
      val[a] /= norm;
    }
    return new Vector(Arrays.copyOf(idx, k), Arrays.copyOf(val, k));
  }
}
