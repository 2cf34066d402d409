package io.github.huashu;

import java.util.Objects;

/**
 * A problem {@link KnowledgeBase#lintReply} found in an agent's draft reply.
 *
 * @param rule which rule of the draft checker found it
 * @param start where the problem starts in the draft (a UTF-16 index)
 * @param end where it ends, exclusive; {@code start == end} when something is missing
 * @param message what is wrong, for the agent
 * @param suggestion what to write instead, or {@code ""}
 *     <p>Immutable.
 */
public record Finding(Rule rule, int start, int end, String message, String suggestion) {

  /** The draft checker's rules, each with the id it has in JSON and on the command line. */
  public enum Rule {
    /** A phrase of the corpus style's blacklist: 不可能, 你自己看规则, 物流不归我们管 … */
    NEGATIVE_PHRASE("negative-phrase"),
    /** A term shoppers do not know: SKU → 商品型号 … */
    JARGON("jargon"),
    /** 很快, 尽快 with no concrete time in the sentence. */
    VAGUE_TIME("vague-time"),
    /** A condition the intent's answer must mention is missing. */
    MISSING_CONDITION("missing-condition"),
    /** An upset shopper answered without a word of empathy or apology. */
    NO_EMPATHY("no-empathy");

    private final String id;

    Rule(String id) {
      this.id = id;
    }

    /** The rule's id: {@code negative-phrase}, {@code jargon}, … */
    public String id() {
      return id;
    }
  }

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
