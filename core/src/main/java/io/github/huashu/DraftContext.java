package io.github.huashu;

import java.util.Objects;

/**
 * What a draft reply answers, for {@link KnowledgeBase#lintReply}: the intent (whose must-mention
 * conditions the draft has to state) and the shopper's message (whose emotion decides whether the
 * draft needs empathy). Either may be empty.
 *
 * @param intent the intent id, or {@code ""}
 * @param shopperMessage the message the draft answers, or {@code ""}
 *     <p>Immutable.
 */
public record DraftContext(String intent, String shopperMessage) {

  /** No intent, no message: only the rules that need no context run. */
  public static final DraftContext NONE = new DraftContext("", "");

  public DraftContext {
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(shopperMessage, "shopperMessage");
  }

  /** A context with only the intent. */
  public static DraftContext forIntent(String intent) {
    return new DraftContext(intent, "");
  }

  /** This context answering a shopper's message. */
  public DraftContext withShopperMessage(String message) {
    return new DraftContext(intent, message);
  }
}
