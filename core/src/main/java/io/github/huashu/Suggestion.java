package io.github.huashu;

import java.util.Objects;

/**
 * An intent suggested for a question, with its bundle, how confident the suggester is, and why.
 *
 * @param intent the intent and its bundle
 * @param confidence calibrated probability that this is what the shopper wants, in [0, 1]
 * @param why the evidence
 *     <p>Immutable.
 */
public record Suggestion(Intent intent, double confidence, Explanation why) {

  public Suggestion {
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(why, "why");
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("expected a confidence in [0, 1] but was " + confidence);
    }
  }
}
