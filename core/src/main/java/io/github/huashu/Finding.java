package io.github.huashu;

import java.util.Objects;

/**
 * A problem {@link KnowledgeBase#lintReply} found in an agent's draft reply.
 *
 * @param rule {@code negative-phrase}, {@code jargon}, {@code vague-time}, {@code
 *     missing-condition} or {@code no-empathy}
 * @param start where the problem starts in the draft (a UTF-16 index)
 * @param end where it ends, exclusive; {@code start == end} when something is missing
 * @param message what is wrong, for the agent
 * @param suggestion what to write instead, or {@code ""}
 *     <p>Immutable.
 */
public record Finding(String rule, int start, int end, String message, String suggestion) {
  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(suggestion, "suggestion");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException(
          "expected 0 <= start <= end but was " + start + ", " + end);
    }
  }
}
