package io.github.huashu;

/**
 * The confidences at which a suggester answers, suggests and asks back.
 *
 * <ul>
 *   <li>{@code answer}: the top intent needs at least this confidence for {@link Decision#MATCH},
 *       and the two closest intents together for {@link Decision#CLARIFY};
 *   <li>{@code suggestion}: intents below this confidence are not suggested at all;
 *   <li>{@code margin}: when the second intent is closer than this to the first, the suggester asks
 *       which one the shopper means instead of answering.
 * </ul>
 *
 * Confidences are calibrated probabilities that the intent is the right one, so {@link #DEFAULT}
 * answers when an intent is more likely right than wrong. Immutable.
 */
public record Thresholds(double answer, double suggestion, double margin) {

  /** answer 0.5, suggestion 0.2, margin 0.2. */
  public static final Thresholds DEFAULT = new Thresholds(0.5, 0.2, 0.2);

  public Thresholds {
    check("answer", answer);
    check("suggestion", suggestion);
    check("margin", margin);
    if (suggestion > answer) {
      throw new IllegalArgumentException(
          "expected the suggestion threshold to be at most the answer threshold ("
              + answer
              + ") but was "
              + suggestion);
    }
  }

  /**
   * Whether a ranking whose two most confident intents have these confidences is answered: {@link
   * Decision#MATCH} when the first reaches the answer threshold and leads the second by the margin.
   */
  public boolean answers(double first, double second) {
    return first >= answer && first - second >= margin;
  }

  /**
   * Whether a ranking that is not answered asks the shopper to choose ({@link Decision#CLARIFY}):
   * the two are within the margin of each other, the second is a suggestion, and together they
   * reach the answer threshold.
   */
  public boolean clarifies(double first, double second) {
    return !answers(first, second)
        && second >= suggestion
        && first - second < margin
        && first + second >= answer;
  }

  public Thresholds withAnswer(double answer) {
    return new Thresholds(answer, suggestion, margin);
  }

  public Thresholds withSuggestion(double suggestion) {
    return new Thresholds(answer, suggestion, margin);
  }

  public Thresholds withMargin(double margin) {
    return new Thresholds(answer, suggestion, margin);
  }

  private static void check(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(
          "expected the " + name + " threshold in [0, 1] but was " + value);
    }
  }
}
