package io.github.huashu;

import java.util.Objects;

/**
 * What the agent should do next to the reply.
 *
 * @param kind what kind of step
 * @param message the step in words, for the agent
 *     <p>Immutable.
 */
public record Advice(Kind kind, String message) {

  /** Kinds of advice. */
  public enum Kind {
    /** Hand the case to a supervisor: a very angry shopper, or an intent that always escalates. */
    ESCALATE,
    /** Verify the shopper's identity before acting (account and payment intents). */
    VERIFY_IDENTITY,
    /** Open a ticket to follow the case up (FALLBACK, or an intent that needs one). */
    CREATE_TICKET,
    /** An auxiliary check to run alongside (退换货 → 商品状态核查, 物流时效提醒). */
    CHECK,
    /** A related question the shopper is likely to ask next. */
    RELATED
  }

  public Advice {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
