package io.github.huashu;

import java.util.Objects;

/**
 * A reply an agent can send, in three parts (缓冲-解释-方案): a buffer that acknowledges the shopper, the
 * explanation of the rule or situation, and the solution. Parts may contain placeholders such as
 * {@code {订单号}} for facts the agent fills in. A reply written as one piece of text has only a
 * solution.
 *
 * @param buffer acknowledgement (缓冲), may be empty
 * @param explanation the rule or cause (解释), may be empty
 * @param solution what the shopper can do or what happens next (方案), may be empty
 *     <p>Immutable.
 */
public record Reply(String buffer, String explanation, String solution) {

  /** The reply of an intent that has none. */
  public static final Reply NONE = new Reply("", "", "");

  public Reply {
    Objects.requireNonNull(buffer, "buffer");
    Objects.requireNonNull(explanation, "explanation");
    Objects.requireNonNull(solution, "solution");
  }

  /** The parts joined into one message, or {@code ""} if there is no reply. */
  public String text() {
    StringBuilder out = new StringBuilder();
    for (String part : new String[] {buffer, explanation, solution}) {
      out.append(part);
    }
    return out.toString();
  }

  public boolean isEmpty() {
    return buffer.isEmpty() && explanation.isEmpty() && solution.isEmpty();
  }
}
