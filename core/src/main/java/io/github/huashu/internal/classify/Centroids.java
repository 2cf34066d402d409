package io.github.huashu.internal.classify;

import io.github.huashu.internal.features.FeatureSpace;
import io.github.huashu.internal.snapshot.SnapshotInput;
import io.github.huashu.internal.snapshot.SnapshotOutput;
import java.util.Arrays;
import java.util.List;

/**
 * The classifier of large corpora: per class, the L2-normalised sum of its training vectors, scored
 * by cosine. Training is linear in the corpus, where one-vs-rest regression is quadratic; the
 * engine scores only the classes retrieval proposes and turns their cosines into probabilities by a
 * softmax at temperature {@link #TEMPERATURE}. Immutable and thread-safe.
 */
public final class Centroids {

  /** Softmax temperature over centroid cosines. */
  public static final double TEMPERATURE = 0.1;

  /**
   * A class's centroid: ascending feature indices and L2-normalised weights, in floats (half the
   * heap of doubles: at 10,000 intents the centroids are the largest structure).
   */
  private record Centroid(int[] index, float[] value) {}

  private final Centroid[] centroids;

  /**
   * Per class, the L2 norm of the sum its centroid normalises: known to centroids just fitted, null
   * once read from a snapshot (calibration takes training vectors back out of a centroid).
   */
  private final double[] sumNorms;

  private Centroids(Centroid[] centroids, double[] sumNorms) {
    this.centroids = centroids;
    this.sumNorms = sumNorms;
  }

  /** Per class, the L2-normalised sum of its vectors, summed in one pass over a scratch row. */
  public static Centroids fit(List<FeatureSpace.Vector> x, int[] y, int classes, int features) {
    // Members of each class, in order, as one array of rows grouped by class (a counting sort).
    int[] starts = new int[classes + 1];
    for (int label : y) {
      starts[label + 1]++;
    }
    for (int k = 0; k < classes; k++) {
      starts[k + 1] += starts[k];
    }
    int[] members = new int[y.length];
    int[] filled = starts.clone();
    for (int i = 0; i < y.length; i++) {
      members[filled[y[i]]++] = i;
    }
    double[] row = new double[features];
    boolean[] touched = new boolean[features];
    int[] used = new int[features];
    Centroid[] out = new Centroid[classes];
    double[] sumNorms = new double[classes];
    for (int k = 0; k < classes; k++) {
      int count = 0;
      for (int m = starts[k]; m < starts[k + 1]; m++) {
        FeatureSpace.Vector v = x.get(members[m]);
        for (int a = 0; a < v.index().length; a++) {
          int f = v.index()[a];
          if (!touched[f]) {
            touched[f] = true;
            used[count++] = f;
          }
          row[f] += v.value()[a];
        }
      }
      int[] index = Arrays.copyOf(used, count);
      Arrays.sort(index);
      double[] value = new double[count];
      double norm = 0;
      for (int a = 0; a < count; a++) {
        int f = index[a];
        value[a] = row[f];
        norm += row[f] * row[f];
        row[f] = 0;
        touched[f] = false;
      }
      sumNorms[k] = Math.sqrt(norm);
      double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
      float[] scaled = new float[value.length];
      for (int a = 0; a < value.length; a++) {
        scaled[a] = (float) (value[a] * scale);
      }
      out[k] = new Centroid(index, scaled);
    }
    return new Centroids(out, sumNorms);
  }

  /** Writes every centroid's indices and weights. */
  public void write(SnapshotOutput out) {
    out.writeInt(centroids.length);
    for (Centroid c : centroids) {
      out.writeInts(c.index());
      out.writeFloats(c.value());
    }
  }

  /** Reads what {@link #write} wrote. */
  public static Centroids read(SnapshotInput in) {
    Centroid[] centroids = new Centroid[in.readCount(8)];
    for (int k = 0; k < centroids.length; k++) {
      int[] index = in.readInts();
      float[] value = in.readFloats();
      if (index.length != value.length) {
        throw new SnapshotInput.Malformed(
            "expected as many weights as indices in centroid " + k + " but was " + value.length);
      }
      centroids[k] = new Centroid(index, value);
    }
    return new Centroids(centroids, null);
  }

  /** The cosine of a vector with class {@code k}'s centroid. */
  public double cosine(FeatureSpace.Vector a, int k) {
    return cosine(a, centroids[k]);
  }

  /**
   * Class {@code k} without some of its training vectors, for {@link #cosine(FeatureSpace.Vector,
   * Without)}.
   *
   * @param removed the sum of the vectors taken out, or null for none
   * @param norm the L2 norm of the class's sum without them (0: nothing left)
   */
  public record Without(int k, FeatureSpace.Vector removed, double norm) {}

  /**
   * Class {@code k} as it would be without some of its training vectors: their sum is taken out of
   * the class's, whose norm is known, so the class is not summed again. For calibration, on
   * centroids just fitted (not read from a snapshot).
   */
  public Without without(int k, List<FeatureSpace.Vector> removed) {
    if (sumNorms == null) {
      throw new IllegalStateException(
          "expected centroids just fitted but they were read from a snapshot");
    }
    if (removed.isEmpty()) {
      return new Without(k, null, sumNorms[k]);
    }
    FeatureSpace.Vector r = removed.get(0);
    for (int v = 1; v < removed.size(); v++) {
      r = sum(r, removed.get(v));
    }
    double norm = sumNorms[k];
    double rest = norm * norm - 2 * norm * cosine(r, centroids[k]) + dot(r, r);
    // Rounding leaves a few ulps where the removed vectors were all the class had.
    return new Without(k, r, rest <= 1e-9 * Math.max(1, norm * norm) ? 0 : Math.sqrt(rest));
  }

  /**
   * The cosine of a vector with a class's centroid as it would be without the vectors taken out;
   * the centroid's weights are floats, so the result is as near as they are.
   *
   * @param a an L2-normalised vector
   */
  public double cosine(FeatureSpace.Vector a, Without without) {
    if (without.removed() == null) {
      return cosine(a, centroids[without.k()]);
    }
    if (without.norm() == 0) {
      return 0;
    }
    double sumDot = sumNorms[without.k()] * cosine(a, centroids[without.k()]);
    return (sumDot - dot(a, without.removed())) / without.norm();
  }

  /** The sum of two sparse vectors with ascending indices. */
  private static FeatureSpace.Vector sum(FeatureSpace.Vector a, FeatureSpace.Vector b) {
    int[] ia = a.index();
    int[] ib = b.index();
    int[] index = new int[ia.length + ib.length];
    double[] value = new double[index.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < ia.length || j < ib.length) {
      if (j == ib.length || (i < ia.length && ia[i] < ib[j])) {
        index[n] = ia[i];
        value[n++] = a.value()[i++];
      } else if (i == ia.length || ib[j] < ia[i]) {
        index[n] = ib[j];
        value[n++] = b.value()[j++];
      } else {
        index[n] = ia[i];
        value[n++] = a.value()[i++] + b.value()[j++];
      }
    }
    return new FeatureSpace.Vector(Arrays.copyOf(index, n), Arrays.copyOf(value, n));
  }

  /** Dot product of two sparse vectors with ascending indices. */
  private static double dot(FeatureSpace.Vector a, FeatureSpace.Vector b) {
    int[] ia = a.index();
    int[] ib = b.index();
    double dot = 0;
    int i = 0;
    int j = 0;
    while (i < ia.length && j < ib.length) {
      if (ia[i] == ib[j]) {
        dot += a.value()[i++] * b.value()[j++];
      } else if (ia[i] < ib[j]) {
        i++;
      } else {
        j++;
      }
    }
    return dot;
  }

  /** Dot product of two sparse vectors with ascending indices (both L2-normalised: a cosine). */
  private static double cosine(FeatureSpace.Vector a, Centroid b) {
    int[] ia = a.index();
    int[] ib = b.index();
    double dot = 0;
    int i = 0;
    int j = 0;
    while (i < ia.length && j < ib.length) {
      if (ia[i] == ib[j]) {
        dot += a.value()[i++] * b.value()[j++];
      } else if (ia[i] < ib[j]) {
        i++;
      } else {
        j++;
      }
    }
    return dot;
  }
}
