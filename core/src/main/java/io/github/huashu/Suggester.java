package io.github.huashu;

import io.github.huashu.analyzers.ChineseNormalizer;
import io.github.huashu.internal.match.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Answers shopper questions from a {@link KnowledgeBase}: normalises the question, ranks the intents
 * by calibrated confidence and decides between {@link Decision#MATCH}, {@link Decision#CLARIFY}
 * and {@link Decision#FALLBACK}.
 *
 * <pre>{@code
 * Suggester suggester = Suggester.builder(kb).topK(3).build();
 * SuggestResult r = suggester.suggest("七天无理由退货怎么退？");
 * }</pre>
 *
 * <p>Suggesters are cheap to build and should be shared. Immutable and thread-safe.
 */
public final class Suggester {

  /** How many characters a question may have unless the builder says otherwise. */
  public static final int DEFAULT_MAX_QUESTION_LENGTH = 1000;

  static final String FALLBACK_REPLY = "抱歉，这个问题我需要请人工客服来为您处理，已为您转接，并会创建服务工单跟进，请稍候。";
  private static final int MAX_CLARIFY_OPTIONS = 3;

  private final KnowledgeBase kb;
  private final int topK;
  private final Thresholds thresholds;
  private final int maxQuestionLength;

  private Suggester(Builder builder) {
    this.kb = builder.kb;
    this.topK = builder.topK == 0 ? 3 : builder.topK;
    this.thresholds = builder.thresholds == null ? Thresholds.DEFAULT : builder.thresholds;
    this.maxQuestionLength =
        builder.maxQuestionLength == 0 ? DEFAULT_MAX_QUESTION_LENGTH : builder.maxQuestionLength;
  }

  /** Returns a builder for a suggester over the knowledge base. */
  public static Builder builder(KnowledgeBase kb) {
    return new Builder(Objects.requireNonNull(kb, "kb"));
  }

  public KnowledgeBase knowledgeBase() {
    return kb;
  }

  public Thresholds thresholds() {
    return thresholds;
  }

  public int topK() {
    return topK;
  }

  /**
   * Answers a question with this suggester's thresholds.
   *
   * @throws NullPointerException if the question is null
   * @throws IllegalArgumentException if the question is blank or longer than the maximum length
   */
  public SuggestResult suggest(String question) {
    return suggest(question, thresholds);
  }

  /**
   * Answers a question with other thresholds for this call only.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the question is blank or longer than the maximum length
   */
  public SuggestResult suggest(String question, Thresholds thresholds) {
    return answer(question, thresholds).result();
  }

  /** A result together with the full ranking it was decided from, for evaluation. */
  record Outcome(SuggestResult result, List<Engine.Ranked> ranking) {}

  Outcome answer(String question, Thresholds thresholds) {
    Objects.requireNonNull(thresholds, "thresholds");
    String normalized = normalize(question);
    Engine.Ranking ranking =
        normalized.isEmpty() ? new Engine.Ranking("", List.of()) : kb.engine().rank(normalized);
    return new Outcome(
        decide(question, ranking.matched(), ranking.ranked(), thresholds), ranking.ranked());
  }

  private SuggestResult decide(
      String question, String matched, List<Engine.Ranked> ranking, Thresholds t) {
    List<String> emoji = ChineseNormalizer.emoji(question);
    double first = ranking.isEmpty() ? 0 : ranking.get(0).confidence();
    double second = ranking.size() < 2 ? 0 : ranking.get(1).confidence();

    Decision decision;
    List<Suggestion> suggestions = new ArrayList<>();
    String reply;
    if (first >= t.answer() && first - second >= t.margin()) {
      decision = Decision.MATCH;
      for (Engine.Ranked r : ranking) {
        if (suggestions.size() == topK || (!suggestions.isEmpty() && r.confidence() < t.suggestion())) {
          break;
        }
        suggestions.add(suggestion(r));
      }
      reply = suggestions.get(0).intent().bundle().reply().text();
    } else if (second >= t.suggestion() && first - second < t.margin() && first + second >= t.answer()) {
      decision = Decision.CLARIFY;
      for (Engine.Ranked r : ranking) {
        if (suggestions.size() == MAX_CLARIFY_OPTIONS
            || r.confidence() < t.suggestion()
            || first - r.confidence() >= t.margin()) {
          break;
        }
        suggestions.add(suggestion(r));
      }
      reply = clarifyingQuestion(suggestions);
    } else {
      decision = Decision.FALLBACK;
      for (Engine.Ranked r : ranking) {
        if (suggestions.size() == topK || r.confidence() < t.suggestion()) {
          break;
        }
        suggestions.add(suggestion(r));
      }
      reply = FALLBACK_REPLY;
    }
    return new SuggestResult(question, matched, decision, suggestions, reply, emoji, kb.version());
  }

  private Suggestion suggestion(Engine.Ranked r) {
    Intent intent = kb.intentAt(r.intent());
    String nearest = r.nearestExample() < 0 ? "" : intent.examples().get(r.nearestExample());
    Explanation why =
        new Explanation(r.matchedTerms(), nearest, r.similarity(), r.probability(), r.retrievalScore());
    return new Suggestion(intent, Math.min(1, Math.max(0, r.confidence())), why);
  }

  /** "您是想咨询「A」还是「B」？", or with three options "「A」、「B」还是「C」". */
  static String clarifyingQuestion(List<Suggestion> options) {
    StringBuilder out = new StringBuilder("您是想咨询");
    for (int i = 0; i < options.size(); i++) {
      if (i > 0) {
        out.append(i == options.size() - 1 ? "还是" : "、");
      }
      out.append('「').append(options.get(i).intent().name()).append('」');
    }
    return out.append('？').toString();
  }

  private String normalize(String question) {
    Objects.requireNonNull(question, "question");
    int length = question.codePointCount(0, question.length());
    if (length > maxQuestionLength) {
      throw new IllegalArgumentException(
          "expected a question of at most " + maxQuestionLength + " characters but it had " + length);
    }
    if (question.isBlank()) {
      throw new IllegalArgumentException("expected a question but it was blank");
    }
    return ChineseNormalizer.normalize(question);
  }

  @Override
  public String toString() {
    return "Suggester[" + kb + ", topK " + topK + ", " + thresholds + "]";
  }

  /**
   * Configures a {@link Suggester}. Each option may be set once and is checked at once. Not
   * thread-safe; {@link #build()} never changes the builder.
   */
  public static final class Builder {
    private final KnowledgeBase kb;
    private int topK;
    private Thresholds thresholds;
    private int maxQuestionLength;

    private Builder(KnowledgeBase kb) {
      this.kb = kb;
    }

    /** How many suggestions a result holds at most; 3 unless set. */
    public Builder topK(int topK) {
      if (this.topK != 0) {
        throw new IllegalStateException("topK was already set to " + this.topK);
      }
      if (topK < 1) {
        throw new IllegalArgumentException("expected topK >= 1 but was " + topK);
      }
      this.topK = topK;
      return this;
    }

    /** The default thresholds of every call; {@link Thresholds#DEFAULT} unless set. */
    public Builder thresholds(Thresholds thresholds) {
      if (this.thresholds != null) {
        throw new IllegalStateException("thresholds were already set to " + this.thresholds);
      }
      this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
      return this;
    }

    /**
     * The longest question accepted, in characters (code points); {@value
     * #DEFAULT_MAX_QUESTION_LENGTH} unless set. Longer questions are rejected with an {@link
     * IllegalArgumentException}.
     */
    public Builder maxQuestionLength(int maxQuestionLength) {
      if (this.maxQuestionLength != 0) {
        throw new IllegalStateException(
            "maxQuestionLength was already set to " + this.maxQuestionLength);
      }
      if (maxQuestionLength < 1) {
        throw new IllegalArgumentException(
            "expected maxQuestionLength >= 1 but was " + maxQuestionLength);
      }
      this.maxQuestionLength = maxQuestionLength;
      return this;
    }

    public Suggester build() {
      return new Suggester(this);
    }
  }
}
