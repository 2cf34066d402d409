package io.github.huashu.internal.decide;

import io.github.huashu.Conversation;
import io.github.huashu.Intent;
import io.github.huashu.Thresholds;
import io.github.huashu.internal.fuse.Engine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Re-ranks a follow-up in the light of the conversation's last answered intent: the intents related
 * to it, of its category, or it itself gain weight, and the follow-up is also matched together with
 * the message that intent answered. Messages that stand on their own (long, and answered
 * confidently) are left alone, and so are messages that say nothing the corpus knows ({@link
 * #saysSomething}): context may lean a follow-up towards the last answer, it never turns noise into
 * an answer. Immutable and thread-safe.
 */
public final class FollowUps {

  /** How many turns back a follow-up may refer. */
  private static final int CONTEXT_TURNS = 3;

  /** Messages this short (normalised) are read as follow-ups. */
  private static final int FOLLOW_UP_LENGTH = 10;

  private static final Pattern FOLLOW_UP = Pattern.compile("那|还有|另外|然后|如果|要是|再问");

  /**
   * How much a follow-up matched together with the previous message counts, for a follow-up that
   * has no confident intent of its own.
   */
  private static final double CONTEXT_WEIGHT = 0.7;

  private final Intents intents;
  private final UnaryOperator<String> normalize;

  /**
   * @param normalize how an earlier message is made ready to match (metadata out, normalised), as
   *     the new one was
   */
  public FollowUps(Intents intents, UnaryOperator<String> normalize) {
    this.intents = intents;
    this.normalize = normalize;
  }

  /**
   * Whether a message says something the corpus knows, so that the conversation may help to read
   * it: at least half of what its words say ({@link Engine.Ranking#words()}: a Latin word counts
   * one, a Han character, kana or Hangul letter one each; digits and punctuation nothing) is in
   * words of the corpus's texts. "那运费谁出？", "可收到?" and "那iphone15呢" say something; "?", "123",
   * "aaaa…", "哈哈哈…" and "嗯" (particles analysis drops), Korean text, Japanese text (返品 are two
   * known characters of thirteen letters in 返品はどうすればいいですか) and SQL (select, from, users …) say
   * nothing, and context does not make them an answer.
   */
  public static boolean saysSomething(Engine.Ranking ranking) {
    return ranking.knownWords() > 0 && 2 * ranking.knownWords() >= ranking.words();
  }

  /**
   * The ranking of a message in its conversation.
   *
   * @param ranking the message's ranking on its own
   * @param normalized the message as it was matched
   * @param turns the conversation's earlier turns, oldest first
   */
  public List<Engine.Ranked> inContext(
      Engine.Ranking ranking, String normalized, List<Conversation.Turn> turns, Thresholds t) {
    List<Engine.Ranked> alone = ranking.ranked();
    if (!saysSomething(ranking)) {
      return alone;
    }
    Conversation.Turn previous = null;
    for (int i = turns.size() - 1; i >= Math.max(0, turns.size() - CONTEXT_TURNS); i--) {
      if (!turns.get(i).intent().isEmpty()) {
        previous = turns.get(i);
        break;
      }
    }
    Intent last = previous == null ? null : intents.byId(previous.intent()).orElse(null);
    if (last == null) {
      return alone;
    }
    double top = alone.isEmpty() ? 0 : alone.get(0).confidence();
    boolean followUp =
        normalized.length() <= FOLLOW_UP_LENGTH
            || FOLLOW_UP.matcher(normalized).lookingAt()
            || top < t.answer();
    if (!followUp) {
      return alone;
    }
    Map<Integer, Engine.Ranked> merged = new HashMap<>();
    for (Engine.Ranked r : alone) {
      merged.put(r.intent(), r);
    }
    String together = normalize.apply(previous.message()) + " " + normalized;
    // The more a follow-up is understood on its own ("那运费谁出" names its matter, "可收到?" does
    // not), the less the earlier message, which pulls towards its own intent, counts.
    double weight = CONTEXT_WEIGHT * (1 - top);
    for (Engine.Ranked r : intents.rank(together)) {
      double weighted = weight * r.confidence();
      Engine.Ranked own = merged.get(r.intent());
      if (own == null || own.confidence() < weighted) {
        merged.put(r.intent(), withConfidence(own == null ? r : own, weighted));
      }
    }
    List<Engine.Ranked> boosted = new ArrayList<>();
    double sum = 0;
    for (Engine.Ranked r : merged.values()) {
      Intent intent = intents.at(r.intent());
      double factor = 1;
      if (intent.id().equals(last.id())) {
        factor = 1.3;
      } else if (last.bundle().related().contains(intent.id())
          || intent.bundle().related().contains(last.id())) {
        factor = 2.0;
      } else if (!last.category().isEmpty() && last.category().equals(intent.category())) {
        factor = 1.5;
      }
      Engine.Ranked b = withConfidence(r, r.confidence() * factor);
      boosted.add(b);
      sum += b.confidence();
    }
    double scale = sum > 1 ? 1 / sum : 1;
    List<Engine.Ranked> out = new ArrayList<>();
    for (Engine.Ranked r : boosted) {
      out.add(withConfidence(r, r.confidence() * scale));
    }
    out.sort(Comparator.comparingDouble(Engine.Ranked::confidence).reversed());
    return out;
  }

  private static Engine.Ranked withConfidence(Engine.Ranked r, double confidence) {
    return new Engine.Ranked(
        r.intent(),
        confidence,
        r.probability(),
        r.retrievalScore(),
        r.similarity(),
        r.nearestExample(),
        r.matchedTerms());
  }
}
