package io.github.huashu.internal.fuse;

import de.bwaldvogel.liblinear.SolverType;
import io.github.huashu.internal.classify.LinearModel;
import io.github.huashu.internal.features.FeatureSpace;
import io.github.huashu.internal.snapshot.SnapshotInput;
import io.github.huashu.internal.snapshot.SnapshotOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a candidate's evidence into the probability that it is the shopper's intent: a logistic
 * regression over the evidence, fitted on held-out questions (cross-validation folds at load time).
 * Out-of-scope questions are simulated by holding out whole intents, so that "nothing fits" is
 * learned from the corpus itself. Immutable and thread-safe.
 */
public final class Calibrator {

  static final int FEATURES = 11;

  /** Fitted weights, the last one the intercept. */
  private final double[] weights;

  private Calibrator(double[] weights) {
    this.weights = weights;
  }

  /**
   * A calibrator for corpora too small to fit one: trusts the classifier's probability scaled by
   * how much of the question the intent's vocabulary covers. Documented, not fitted.
   */
  public static final Calibrator PRIOR;

  static {
    double[] w = new double[FEATURES + 1];
    w[0] = 4; // probability
    w[3] = 3; // similarity
    w[4] = 3; // coverage by the intent
    w[FEATURES] = -5;
    PRIOR = new Calibrator(w);
  }

  public static double[] evidence(Evidence.Candidate c) {
    double[] f = new double[FEATURES];
    // Continuous evidence only: a "ranked first" indicator would split two equally likely intents.
    f[0] = c.probability();
    f[1] = c.relativeProbability();
    f[2] = c.relativeBm25();
    f[3] = c.similarity();
    f[4] = c.coverage();
    f[5] = c.corpusCoverage();
    f[6] = c.noneProbability();
    f[7] = Math.log1p(c.tokens()) / 3;
    f[8] = c.probability() * c.corpusCoverage();
    f[9] = c.similarity() * c.coverage();
    f[10] = c.relativeProbability() * c.relativeBm25();
    return f;
  }

  /** Fits on evidence rows labelled correct (1) or not (0); null if both labels are not present. */
  public static Calibrator fit(List<double[]> rows, List<Boolean> correct, double c) {
    if (!correct.contains(Boolean.TRUE) || !correct.contains(Boolean.FALSE)) {
      return null;
    }
    int[] everyFeature = new int[FEATURES];
    for (int k = 0; k < FEATURES; k++) {
      everyFeature[k] = k;
    }
    List<FeatureSpace.Vector> x = new ArrayList<>(rows.size());
    int[] y = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      x.add(new FeatureSpace.Vector(everyFeature, rows.get(i)));
      y[i] = correct.get(i) ? 1 : 0;
    }
    // A binary logistic regression: the probability of "correct" is the sigmoid of class 1's score.
    return new Calibrator(
        LinearModel.train(x, y, 2, FEATURES, SolverType.L2R_LR, c, 0.001).weights(1));
  }

  /** Writes the weights. */
  void write(SnapshotOutput out) {
    out.writeDoubles(weights);
  }

  /** Reads what {@link #write} wrote. */
  static Calibrator read(SnapshotInput in) {
    double[] weights = in.readDoubles();
    if (weights.length != FEATURES + 1) {
      throw new SnapshotInput.Malformed(
          "expected " + (FEATURES + 1) + " calibration weights but there were " + weights.length);
    }
    return new Calibrator(weights);
  }

  @Override
  public String toString() {
    return "Calibrator" + java.util.Arrays.toString(weights);
  }

  double probability(double[] evidence) {
    double z = weights[FEATURES];
    for (int k = 0; k < FEATURES; k++) {
      z += weights[k] * evidence[k];
    }
    return 1 / (1 + Math.exp(-z));
  }
}
