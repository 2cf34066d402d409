package io.github.huashu.server;

import io.github.huashu.Message;
import io.github.huashu.Suggester;
import io.github.huashu.Thresholds;
import java.time.Duration;
import java.util.Map;

/**
 * The body of {@code POST /v1/suggest}, and one item of a batch, as it was sent: every field but
 * {@code question} may be absent (null). Immutable.
 */
record SuggestRequest(
    String question,
    String conversationId,
    Map<String, String> facts,
    Double waitedSeconds,
    ThresholdsRequest thresholds,
    Integer top) {

  /**
   * Thresholds for this request only; an absent one keeps the server's. Immutable.
   *
   * @param answer the confidence needed to answer
   * @param suggestion the confidence needed to be suggested
   * @param margin the lead needed to answer rather than ask back
   */
  record ThresholdsRequest(Double answer, Double suggestion, Double margin) {}

  /**
   * The request checked against the limits.
   *
   * @param at the JSON pointer of this request in the body ({@code ""} or {@code /items/3})
   * @param defaults the server's thresholds
   * @throws ProblemException a 422 problem naming the first field at fault
   */
  Ask check(String at, Limits limits, Thresholds defaults) {
    if (question == null) {
      throw invalid(at + "/question", "expected a question but it was missing");
    }
    try {
      Suggester.checkQuestion(question, limits.maxQuestionLength());
    } catch (IllegalArgumentException e) {
      throw invalid(at + "/question", e.getMessage());
    }
    if (conversationId != null
        && (conversationId.isBlank()
            || conversationId.length() > Limits.MAX_CONVERSATION_ID_LENGTH)) {
      throw invalid(
          at + "/conversation_id",
          "expected a conversation id of 1 to "
              + Limits.MAX_CONVERSATION_ID_LENGTH
              + " characters, not blank, but was '"
              + excerpt(conversationId)
              + "'");
    }
    Map<String, String> checkedFacts = facts == null ? Map.of() : facts;
    for (Map.Entry<String, String> fact : checkedFacts.entrySet()) {
      if (fact.getKey().isBlank()) {
        throw invalid(
            at + "/facts", "expected fact names not blank but one was '" + fact.getKey() + "'");
      }
      if (fact.getValue() == null) {
        throw invalid(at + "/facts/" + escape(fact.getKey()), "expected a string but was null");
      }
    }
    Duration waited = Duration.ZERO;
    if (waitedSeconds != null) {
      double s = waitedSeconds;
      if (!(s >= 0 && s <= Limits.MAX_WAITED_SECONDS)) {
        throw invalid(
            at + "/waited_seconds",
            "expected waited seconds in [0, "
                + (long) Limits.MAX_WAITED_SECONDS
                + "] but was "
                + waitedSeconds);
      }
      waited = Duration.ofMillis(Math.round(s * 1000));
    }
    Thresholds t = defaults;
    if (thresholds != null) {
      try {
        t =
            new Thresholds(
                thresholds.answer() == null ? defaults.answer() : thresholds.answer(),
                thresholds.suggestion() == null ? defaults.suggestion() : thresholds.suggestion(),
                thresholds.margin() == null ? defaults.margin() : thresholds.margin());
      } catch (IllegalArgumentException e) {
        throw invalid(at + "/thresholds", e.getMessage());
      }
    }
    int k = 0;
    if (top != null) {
      if (top < 1 || top > Limits.MAX_TOP) {
        throw invalid(at + "/top", "expected top in [1, " + Limits.MAX_TOP + "] but was " + top);
      }
      k = top;
    }
    return new Ask(new Message(question, checkedFacts, waited), conversationId, t, k);
  }

  private static ProblemException invalid(String pointer, String detail) {
    return new ProblemException(Problem.invalidField(pointer, detail));
  }

  private static String excerpt(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
