package io.github.huashu.internal.classify;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import io.github.huashu.internal.features.FeatureSpace;
import io.github.huashu.internal.snapshot.SnapshotInput;
import io.github.huashu.internal.snapshot.SnapshotOutput;
import java.util.List;

/**
 * A one-vs-rest L2-regularised logistic regression trained with liblinear (deterministic), scored
 * here from its weights: the one wrapper of liblinear, used by the intent classifier and the
 * emotion model. Probabilities are liblinear's: each class's sigmoid, normalised to sum to one.
 * Immutable and thread-safe after training.
 */
public final class LinearModel {

  static {
    // liblinear prints training progress to System.out unless told not to; a library must not.
    Linear.disableDebugOutput();
  }

  private final int classes;
  private final int features;

  /** Weights, feature-major: {@code weights[feature * classes + c]}; the last row is the bias. */
  private final float[] weights;

  private LinearModel(int classes, int features, float[] weights) {
    this.classes = classes;
    this.features = features;
    this.weights = weights;
  }

  /**
   * Trains on vectors labelled with class ordinals {@code 0..classes-1}.
   *
   * @param solver how liblinear optimises: {@link SolverType#L2R_LR} (primal, trust-region Newton)
   *     or {@link SolverType#L2R_LR_DUAL} (dual coordinate descent); the objective is the same
   * @param c the inverse regularisation strength
   * @param eps liblinear's stopping tolerance (smaller trains longer and closer to the optimum)
   */
  public static LinearModel train(
      List<FeatureSpace.Vector> x,
      int[] y,
      int classes,
      int features,
      SolverType solver,
      double c,
      double eps) {
    if (classes == 1) {
      return new LinearModel(1, features, new float[0]);
    }
    Problem problem = new Problem();
    problem.l = x.size();
    problem.n = features + 1;
    problem.bias = 1;
    problem.x = new Feature[x.size()][];
    problem.y = new double[x.size()];
    for (int i = 0; i < x.size(); i++) {
      FeatureSpace.Vector v = x.get(i);
      Feature[] row = new Feature[v.index().length + 1];
      for (int k = 0; k < v.index().length; k++) {
        row[k] = new FeatureNode(v.index()[k] + 1, v.value()[k]);
      }
      row[v.index().length] = new FeatureNode(features + 1, 1.0);
      problem.x[i] = row;
      problem.y[i] = y[i];
    }
    Model model = Linear.train(problem, new Parameter(solver, c, eps));
    int[] labels = model.getLabels();
    double[] w = model.getFeatureWeights();
    int stride = model.getNrClass() == 2 ? 1 : model.getNrClass();
    float[] weights = new float[(features + 1) * classes];
    for (int f = 0; f <= features; f++) {
      for (int k = 0; k < labels.length; k++) {
        double value = stride == 1 ? (k == 0 ? w[f] : -w[f]) : w[f * stride + k];
        weights[f * classes + labels[k]] = (float) value;
      }
    }
    // Classes absent from training keep zero weights; their sigmoid (0.5) must not look like
    // evidence, so they are scored as impossible below.
    boolean[] present = new boolean[classes];
    for (int label : labels) {
      present[label] = true;
    }
    for (int k = 0; k < classes; k++) {
      if (!present[k]) {
        weights[features * classes + k] = -30f;
      }
    }
    return new LinearModel(classes, features, weights);
  }

  /** Writes the classes, features and weights. */
  public void write(SnapshotOutput out) {
    out.writeInt(classes);
    out.writeInt(features);
    out.writeFloats(weights);
  }

  /** Reads what {@link #write} wrote. */
  public static LinearModel read(SnapshotInput in) {
    int classes = in.readInt();
    int features = in.readInt();
    float[] weights = in.readFloats();
    if (!(classes >= 1
        && features >= 0
        && weights.length == (classes == 1 ? 0 : ((long) features + 1) * classes))) {
      throw new SnapshotInput.Malformed(
          "expected (features + 1) x classes weights but there were "
              + weights.length
              + " for "
              + features
              + " features and "
              + classes
              + " classes");
    }
    return new LinearModel(classes, features, weights);
  }

  /** One class's weights over the features, its bias last. */
  public double[] weights(int c) {
    double[] w = new double[features + 1];
    for (int f = 0; f <= features; f++) {
      w[f] = weights[f * classes + c];
    }
    return w;
  }

  /** Class probabilities for a vector, summing to one. */
  public double[] probabilities(FeatureSpace.Vector x) {
    double[] p = new double[classes];
    if (classes == 1) {
      p[0] = 1;
      return p;
    }
    int bias = features * classes;
    for (int k = 0; k < classes; k++) {
      p[k] = weights[bias + k];
    }
    int[] idx = x.index();
    double[] val = x.value();
    for (int a = 0; a < idx.length; a++) {
      int row = idx[a] * classes;
      double v = val[a];
      for (int k = 0; k < classes; k++) {
        p[k] += weights[row + k] * v;
      }
    }
    double sum = 0;
    for (int k = 0; k < classes; k++) {
      p[k] = 1 / (1 + Math.exp(-p[k]));
      sum += p[k];
    }
    for (int k = 0; k < classes; k++) {
      p[k] /= sum;
    }
    return p;
  }
}
