package io.github.huashu;

import io.github.huashu.internal.json.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to one question.
 *
 * <ul>
 *   <li>{@link Decision#MATCH}: {@code suggestions.get(0)} is the answer, further suggestions are
 *       alternatives; {@code reply} is the answer's reply.
 *   <li>{@link Decision#CLARIFY}: {@code suggestions} are the intents to choose between, and {@code
 *       reply} asks the shopper which one they mean.
 *   <li>{@link Decision#FALLBACK}: no confident answer. {@code reply} hands over to a person and
 *       promises a ticket; {@code suggestions} may hold weak hints for that person.
 * </ul>
 *
 * @param question the question as it was asked
 * @param normalized the question as it was matched: without platform and order metadata (订单编号:…,
 *     links, [商品快照], long numbers), folded (half-width, Simplified, lower case), without emoji,
 *     control and format characters, pinyin typos repaired (推货 → 退货)
 * @param decision what to do
 * @param reason why the decision was not MATCH, in plain words an editor can act on ("最高置信度 0.42
 *     低于回答阈值 0.50", "前两个意图相差 0.05，小于区分阈值 0.20"); empty for MATCH
 * @param suggestions suggested intents, most confident first
 * @param reply the text to send to the shopper now, composed for the shopper's emotion (共情 → 道歉 →
 *     解决 → 跟进 for upset shoppers, 缓冲 → 解释 → 方案 otherwise), placeholders filled from the message's
 *     facts
 * @param emotion the shopper's emotion in this message
 * @param advice what the agent should do besides replying: escalate, verify identity, open a
 *     ticket, auxiliary checks, related questions
 * @param unfilled placeholders still in the reply because no fact was given for them
 * @param also other questions asked in the same message ("七天无理由怎么退，另外发票能开吗"), each answered
 *     confidently on its own clause; the reply answers them too, after the main one
 * @param emoji the emoji the question contained, kept as signals of mood
 * @param facts what the question's metadata identified ({@code 订单号 → 94516954774}, {@code 链接},
 *     {@code 订单金额} …), used for the reply's placeholders where the caller gave no fact
 * @param knowledgeBaseVersion content hash of the corpus that answered, to reproduce the answer
 *     <p>Immutable.
 */
public record SuggestResult(
    String question,
    String normalized,
    Decision decision,
    String reason,
    List<Suggestion> suggestions,
    String reply,
    Emotion emotion,
    List<Advice> advice,
    List<String> unfilled,
    List<Suggestion> also,
    List<String> emoji,
    Map<String, String> facts,
    String knowledgeBaseVersion) {

  public SuggestResult {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(normalized, "normalized");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(reason, "reason");
    suggestions = List.copyOf(suggestions);
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(emotion, "emotion");
    advice = List.copyOf(advice);
    unfilled = List.copyOf(unfilled);
    also = List.copyOf(also);
    emoji = List.copyOf(emoji);
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    Objects.requireNonNull(knowledgeBaseVersion, "knowledgeBaseVersion");
    if (decision == Decision.MATCH && suggestions.isEmpty()) {
      throw new IllegalArgumentException("expected a suggestion for a MATCH but there was none");
    }
    if (decision == Decision.CLARIFY && suggestions.size() < 2) {
      throw new IllegalArgumentException(
          "expected at least 2 suggestions for CLARIFY but there were " + suggestions.size());
    }
  }

  /** The answer when the decision is {@link Decision#MATCH}, else empty. */
  public Optional<Suggestion> answer() {
    return decision == Decision.MATCH ? Optional.of(suggestions.get(0)) : Optional.empty();
  }

  /**
   * The result as one JSON object: {@code decision}, {@code reason}, {@code reply}, {@code
   * suggestions} (each with {@code intent, name, confidence, category, scene, diagnosis, solution,
   * risk_tip, department, collaborators, tags, reply, follow_up, options, must_mention, related,
   * verify_identity, ticket, escalate, checks, why}), {@code emotion} ({@code label, intensity,
   * signals}), {@code advice}, {@code unfilled}, {@code also} (suggestions like those above),
   * {@code question}, {@code normalized}, {@code emoji}, {@code facts} and {@code kb_version}.
   */
  public String toJson() {
    return Json.write(this);
  }
}
