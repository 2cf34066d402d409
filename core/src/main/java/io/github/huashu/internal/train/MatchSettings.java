package io.github.huashu.internal.train;

import de.bwaldvogel.liblinear.SolverType;
import io.github.huashu.internal.features.FamilyWeights;

/**
 * Tuning of the matcher, fixed at load time. Immutable.
 *
 * @param weights feature family weights
 * @param solver how liblinear trains the intent classifier: dual coordinate descent, which on the
 *     sample corpus (7,000 short texts, 77 classes) trains in about half the time of the primal
 *     trust-region solver for the same objective (sample load ~9 s to ~6 s here); held-out figures
 *     moved by a question or two either way
 * @param c liblinear's inverse regularisation strength for the intent classifier
 * @param eps liblinear's stopping tolerance for the intent classifier: loose, because training runs
 *     once per calibration fold at load time and a tighter optimum does not rank better
 * @param minDocumentFrequency features seen in fewer training texts are dropped (most are noise,
 *     and they quadruple training time)
 * @param minNegatives out-of-scope examples needed before they form a class of their own
 * @param folds cross-validation folds used to calibrate confidences
 * @param seed seed of the fold assignment, so that one corpus always gives one model
 * @param largeIntents corpora with more intents score them against centroids instead of training a
 *     one-vs-rest classifier, whose training time grows with intents times examples (300 intents:
 *     about 20 s; 1,000: about 10 min)
 */
public record MatchSettings(
    FamilyWeights weights,
    SolverType solver,
    double c,
    double eps,
    int minDocumentFrequency,
    int minNegatives,
    int folds,
    long seed,
    int largeIntents) {

  public static final MatchSettings DEFAULT =
      new MatchSettings(
          FamilyWeights.DEFAULT, SolverType.L2R_LR_DUAL, 10, 0.5, 2, 10, 3, 20261122L, 250);
}
