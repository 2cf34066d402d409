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

  private Centroids(Centroid[] centroids) {
    this.centroids = centroids;
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
      double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
      float[] scaled = new float[value.length];
      for (int a = 0; a < value.length; a++) {
        scaled[a] = (float) (value[a] * scale);
      }
      out[k] = new Centroid(index, scaled);
    }
    return new Centroids(out);
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
    return new Centroids(centroids);
  }

  /** The cosine of a vector with class {@code k}'s centroid. */
  public double cosine(FeatureSpace.Vector a, int k) {
    return cosine(a, centroids[k]);
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
