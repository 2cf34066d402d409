package io.github.huashu;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A shopper's message with what the caller knows around it.
 *
 * @param text what the shopper wrote
 * @param facts values for the reply's placeholders, by name without braces ({@code 订单号 →
 *     20231205887}); placeholders without a fact stay in the reply and are listed in {@link
 *     SuggestResult#unfilled()}
 * @param waited how long the shopper has been waiting (for an answer, a parcel, a refund), or
 *     {@link Duration#ZERO} if unknown; long waits raise anxiety
 *     <p>Immutable.
 */
public record Message(String text, Map<String, String> facts, Duration waited) {

  public Message {
    Objects.requireNonNull(text, "text");
    facts = Map.copyOf(facts);
    Objects.requireNonNull(waited, "waited");
    if (waited.isNegative()) {
      throw new IllegalArgumentException("expected a waiting time >= 0 but was " + waited);
    }
  }

  /** A message with no facts and no known waiting time. */
  public static Message of(String text) {
    return new Message(text, Map.of(), Duration.ZERO);
  }

  /** This message with facts for the placeholders. */
  public Message withFacts(Map<String, String> facts) {
    return new Message(text, facts, waited);
  }

  /** This message with the time the shopper has waited. */
  public Message withWaited(Duration waited) {
    return new Message(text, facts, waited);
  }
}
