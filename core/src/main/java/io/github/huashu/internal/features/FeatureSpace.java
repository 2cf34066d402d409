package io.github.huashu.internal.features;

import io.github.huashu.internal.snapshot.SnapshotInput;
import io.github.huashu.internal.snapshot.SnapshotOutput;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The features seen in one matcher's training, with their inverse document frequencies, and the
 * mapping of a text's features to a sparse, L2-normalised tf-idf vector. Features never seen in
 * training are ignored. Immutable after construction.
 */
public final class FeatureSpace {

  /** A sparse vector: ascending 0-based indices and their values. */
  public record Vector(int[] index, double[] value) {
    static final Vector EMPTY = new Vector(new int[0], new double[0]);
  }

  private final FeatureDictionary dictionary;

  /** Per dictionary id, the feature's index in this space, or -1 if it is not in the space. */
  private final int[] local;

  private final double[] idf;
  private final FamilyWeights weights;

  /** Per space index, its feature family's weight (looked up once, not per feature of a text). */
  private final double[] familyWeight;

  private FeatureSpace(
      FeatureDictionary dictionary, int[] local, double[] idf, FamilyWeights weights) {
    this.dictionary = dictionary;
    this.local = local;
    this.idf = idf;
    this.weights = weights;
    this.familyWeight = new double[idf.length];
    for (int id = 0; id < local.length; id++) {
      if (local[id] >= 0) {
        familyWeight[local[id]] = weights.of(dictionary.family(id));
      }
    }
  }

  /**
   * Builds the space from the training texts' features, keeping those that occur in at least {@code
   * minDocumentFrequency} of them, in dictionary (string) order.
   */
  public static FeatureSpace fit(
      FeatureDictionary dictionary,
      List<FeatureDictionary.Encoded> documents,
      FamilyWeights weights,
      int minDocumentFrequency) {
    int[] df = new int[dictionary.size()];
    for (FeatureDictionary.Encoded doc : documents) {
      for (int id : doc.ids()) {
        df[id]++;
      }
    }
    int[] local = new int[df.length];
    double[] idf = new double[df.length];
    int n = documents.size();
    int k = 0;
    for (int id = 0; id < df.length; id++) {
      if (df[id] > 0 && df[id] >= minDocumentFrequency) {
        local[id] = k;
        idf[k++] = Math.log((n + 1.0) / (df[id] + 1.0)) + 1.0;
      } else {
        local[id] = -1;
      }
    }
    return new FeatureSpace(dictionary, local, Arrays.copyOf(idf, k), weights);
  }

  public int size() {
    return idf.length;
  }

  /** Writes the dictionary, the space's features and weights. */
  public void write(SnapshotOutput out) {
    dictionary.write(out);
    out.writeInts(local);
    out.writeDoubles(idf);
    out.writeDouble(weights.word());
    out.writeDouble(weights.wordPair());
    out.writeDouble(weights.char1());
    out.writeDouble(weights.char2());
    out.writeDouble(weights.char3());
    out.writeDouble(weights.pinyin());
    out.writeDouble(weights.synonym());
  }

  /** Reads what {@link #write} wrote. */
  public static FeatureSpace read(SnapshotInput in) {
    FeatureDictionary dictionary = FeatureDictionary.read(in);
    int[] local = in.readInts();
    double[] idf = in.readDoubles();
    if (local.length != dictionary.size()) {
      throw new SnapshotInput.Malformed(
          "expected a space index per feature ("
              + dictionary.size()
              + ") but there were "
              + local.length);
    }
    for (int index : local) {
      if (index < -1 || index >= idf.length) {
        throw new SnapshotInput.Malformed(
            "expected a space index below " + idf.length + " but was " + index);
      }
    }
    FamilyWeights weights =
        new FamilyWeights(
            in.readDouble(),
            in.readDouble(),
            in.readDouble(),
            in.readDouble(),
            in.readDouble(),
            in.readDouble(),
            in.readDouble());
    return new FeatureSpace(dictionary, local, idf, weights);
  }

  /** A question's vector: its features looked up in the dictionary. */
  public Vector vector(Map<String, Integer> features) {
    return vector(dictionary.encode(features));
  }

  /** A training text's vector from its encoded features (ids ascending, so indices ascend too). */
  public Vector vector(FeatureDictionary.Encoded features) {
    int[] ids = features.ids();
    int[] idx = new int[ids.length];
    double[] val = new double[ids.length];
    int k = 0;
    for (int a = 0; a < ids.length; a++) {
      int i = local[ids[a]];
      if (i < 0) {
        continue;
      }
      double w = familyWeight[i];
      if (w == 0) {
        continue;
      }
      int count = features.counts()[a];
      idx[k] = i;
      // Most features occur once in a text: 1 + log(1) is exactly 1.
      val[k] = w * (count == 1 ? 1.0 : 1 + Math.log(count)) * idf[i];
      k++;
    }
    if (k == 0) {
      return Vector.EMPTY;
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
