package io.github.huashu.internal.match;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.List;

/**
 * Turns a candidate's evidence into the probability that it is the shopper's intent: a logistic
 * regression over the evidence, fitted on held-out questions (cross-validation folds at load
 * time). Out-of-scope questions are simulated by holding out whole intents, so that "nothing fits"
 * is learned from the corpus itself. Immutable and thread-safe.
 */
final class Calibrator {

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
  static final Calibrator PRIOR;

  static {
    double[] w = new double[FEATURES + 1];
    w[0] = 4; // probability
    w[3] = 3; // similarity
    w[4] = 3; // coverage by the intent
    w[FEATURES] = -5;
    PRIOR = new Calibrator(w);
  }

  static double[] evidence(Matcher.Candidate c) {
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
  static Calibrator fit(List<double[]> rows, List<Boolean> correct, double c) {
    boolean anyTrue = correct.contains(Boolean.TRUE);
    boolean anyFalse = correct.contains(Boolean.FALSE);
    if (!anyTrue || !anyFalse) {
      return null;
    }
    Problem problem = new Problem();
    problem.l = rows.size();
    problem.n = FEATURES + 1;
    problem.bias = 1;
    problem.x = new Feature[rows.size()][];
    problem.y = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      double[] f = rows.get(i);
      Feature[] x = new Feature[FEATURES + 1];
      for (int k = 0; k < FEATURES; k++) {
        x[k] = new FeatureNode(k + 1, f[k]);
      }
      x[FEATURES] = new FeatureNode(FEATURES + 1, 1);
      problem.x[i] = x;
      problem.y[i] = correct.get(i) ? 1 : 0;
    }
    Model model = Linear.train(problem, new Parameter(SolverType.L2R_LR, c, 0.001));
    double[] w = model.getFeatureWeights();
    // With two classes liblinear keeps one weight vector, for its first label.
    double sign = model.getLabels()[0] == 1 ? 1 : -1;
    double[] weights = new double[FEATURES + 1];
    for (int k = 0; k <= FEATURES; k++) {
      weights[k] = sign * w[k];
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
