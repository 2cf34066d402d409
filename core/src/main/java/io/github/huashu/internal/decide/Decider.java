package io.github.huashu.internal.decide;

import io.github.huashu.Decision;
import io.github.huashu.Explanation;
import io.github.huashu.Intent;
import io.github.huashu.Suggestion;
import io.github.huashu.Thresholds;
import io.github.huashu.internal.fuse.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides between {@link Decision#MATCH}, {@link Decision#CLARIFY} and {@link Decision#FALLBACK}
 * from a ranking and the thresholds, and which suggestions go with the decision: up to {@code topK}
 * for a match or a fallback, the close candidates for a clarifying question. Immutable and
 * thread-safe.
 */
public final class Decider {

  private static final int MAX_CLARIFY_OPTIONS = 3;

  private final Intents intents;
  private final int topK;

  public Decider(Intents intents, int topK) {
    if (topK < 1) {
      throw new IllegalArgumentException("expected topK >= 1 but was " + topK);
    }
    this.intents = intents;
    this.topK = topK;
  }

  /**
   * A decision with its suggestions (the first is the answer of a MATCH) and, unless it is MATCH,
   * why not, in words an editor can act on.
   */
  public record Decided(Decision decision, List<Suggestion> suggestions, String reason) {
    public Decided {
      suggestions = List.copyOf(suggestions);
    }
  }

  /**
   * Decides on a ranking, most confident first.
   *
   * @param matched the text the ranking was matched on (empty when nothing was left to match)
   */
  public Decided decide(List<Engine.Ranked> ranking, Thresholds t, String matched) {
    double first = ranking.isEmpty() ? 0 : ranking.get(0).confidence();
    double second = ranking.size() < 2 ? 0 : ranking.get(1).confidence();
    Decision decision;
    List<Suggestion> suggestions = new ArrayList<>();
    if (t.answers(first, second)) {
      decision = Decision.MATCH;
      for (Engine.Ranked r : ranking) {
        if (suggestions.size() == topK
            || (!suggestions.isEmpty() && r.confidence() < t.suggestion())) {
          break;
        }
        suggestions.add(suggestion(r));
      }
    } else if (topK >= 2 && t.clarifies(first, second)) {
      decision = Decision.CLARIFY;
      for (Engine.Ranked r : ranking) {
        if (suggestions.size() == Math.min(MAX_CLARIFY_OPTIONS, topK)
            || r.confidence() < t.suggestion()
            || first - r.confidence() >= t.margin()) {
          break;
        }
        suggestions.add(suggestion(r));
      }
    } else {
      decision = Decision.FALLBACK;
      for (Engine.Ranked r : ranking) {
        if (suggestions.size() == topK || r.confidence() < t.suggestion()) {
          break;
        }
        suggestions.add(suggestion(r));
      }
    }
    return new Decided(decision, suggestions, reason(decision, matched, first, second, t));
  }

  /** Why a decision was not MATCH, in words an editor can act on; empty for MATCH. */
  static String reason(
      Decision decision, String matched, double first, double second, Thresholds t) {
    if (decision == Decision.MATCH) {
      return "";
    }
    if (matched.isBlank()) {
      return "消息里没有可匹配的文字（只有表情、订单号、链接等）";
    }
    if (first == 0) {
      return "没有意图与这个问题相关";
    }
    if (decision == Decision.FALLBACK && first < t.answer()) {
      return String.format(Locale.ROOT, "最高置信度 %.2f 低于回答阈值 %.2f", first, t.answer());
    }
    return String.format(Locale.ROOT, "前两个意图相差 %.2f，小于区分阈值 %.2f", first - second, t.margin());
  }

  /** A ranked intent as the suggestion users see, its evidence explained. */
  public Suggestion suggestion(Engine.Ranked r) {
    Intent intent = intents.at(r.intent());
    String nearest = r.nearestExample() < 0 ? "" : intent.examples().get(r.nearestExample());
    Explanation why =
        new Explanation(
            r.matchedTerms(), nearest, r.similarity(), r.probability(), r.retrievalScore());
    return new Suggestion(intent, Math.min(1, Math.max(0, r.confidence())), why);
  }

  /** "您是想咨询「A」还是「B」？", or with three options "「A」、「B」还是「C」". */
  public static String clarifyingQuestion(List<Suggestion> options) {
    StringBuilder out = new StringBuilder("您是想咨询");
    for (int i = 0; i < options.size(); i++) {
      if (i > 0) {
        out.append(i == options.size() - 1 ? "还是" : "、");
      }
      out.append('「').append(options.get(i).intent().name()).append('」');
    }
    return out.append('？').toString();
  }
}
