package io.github.huashu;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.huashu.analyzers.ChineseNormalizer;
import io.github.huashu.internal.fuse.Engine;
import io.github.huashu.internal.normalize.MessageMetadata;
import io.github.huashu.internal.compose.Composer;
import io.github.huashu.internal.compose.Style;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

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
  /** Earlier messages compared with a new one to notice repetition. */
  private static final int REPEAT_WINDOW = 5;
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
  /** Where a message may turn to another question. */
  private static final Pattern CLAUSES =
      Pattern.compile("[。！？!?；;]+|[,，\\s]+(?=另外|还有|顺便|对了|再问)");
  /**
   * Words that turn to another matter, where a clause starts (还有 inside 还有库存吗 is "still").
   */
  private static final Pattern TURNS =
      Pattern.compile("(?:^|[,，。！？!?；;\\s])(?:另外|还有|顺便|对了|再问)");
  /** Clauses shorter than this (normalised) are not questions of their own. */
  private static final int MIN_CLAUSE = 4;
  /** Other questions answered in one reply, at most. */
  private static final int MAX_ALSO = 2;
  /** Anger from this intensity on asks for a supervisor. */
  private static final int ESCALATE_INTENSITY = 7;

  private final KnowledgeBase kb;
  private final int topK;
  private final Thresholds thresholds;
  private final int maxQuestionLength;
  private final EmotionDetector emotions = EmotionDetector.standard();
  /** Results of plain questions by what decides them, or null when caching is off. */
  private final Cache<CacheKey, SuggestResult> cache;

  /**
   * What a plain question's result depends on: its normalised text, the facts its metadata gave
   * (they fill the reply), its emoji (the emotion reads them, normalisation drops them) and the
   * thresholds. The knowledge base is fixed per suggester.
   */
  private record CacheKey(
      String normalized, Map<String, String> facts, List<String> emoji, Thresholds thresholds) {}

  private Suggester(Builder builder) {
    this.kb = builder.kb;
    this.topK = builder.topK == 0 ? 3 : builder.topK;
    this.thresholds = builder.thresholds == null ? Thresholds.DEFAULT : builder.thresholds;
    this.maxQuestionLength =
        builder.maxQuestionLength == 0 ? DEFAULT_MAX_QUESTION_LENGTH : builder.maxQuestionLength;
    this.cache =
        builder.cacheSize == 0
            ? null
            : Caffeine.newBuilder().maximumSize(builder.cacheSize).recordStats().build();
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
    Objects.requireNonNull(thresholds, "thresholds");
    Matched matched = matched(question);
    if (cache == null) {
      return answer(Message.of(question), matched, thresholds, null).result();
    }
    CacheKey key =
        new CacheKey(
            matched.normalized(), matched.facts(), ChineseNormalizer.emoji(question), thresholds);
    SuggestResult result =
        cache.get(key, k -> answer(Message.of(question), matched, thresholds, null).result());
    // Questions that differ only in width, script, case or spacing share a result; each caller
    // gets back the question as they asked it.
    return result.question().equals(question) ? result : result.withQuestion(question);
  }

  /**
   * The statistics of this suggester's result cache; {@link CacheStats#NONE} if it has none. The
   * cache belongs to this suggester and its knowledge base: a suggester built for a reloaded
   * knowledge base starts with an empty cache, so no result of another corpus is ever returned.
   */
  public CacheStats cacheStats() {
    if (cache == null) {
      return CacheStats.NONE;
    }
    com.github.benmanes.caffeine.cache.stats.CacheStats s = cache.stats();
    return new CacheStats(s.hitCount(), s.missCount(), s.evictionCount(), cache.estimatedSize());
  }

  /**
   * Answers a message with its facts (filled into the reply's placeholders) and waiting time.
   *
   * @throws IllegalArgumentException if the text is blank or longer than the maximum length
   */
  public SuggestResult suggest(Message message) {
    Objects.requireNonNull(message, "message");
    if (message.facts().isEmpty() && message.waited().isZero()) {
      return suggest(message.text(), thresholds);
    }
    return answer(message, thresholds, null).result();
  }

  /** Answers the next message of a conversation; see {@link #suggest(Conversation, Message)}. */
  public SuggestResult suggest(Conversation conversation, String message) {
    return suggest(conversation, Message.of(message));
  }

  /**
   * Answers the next message of a conversation in its context, and adds it to the conversation.
   * A short or elliptical follow-up ("那运费谁出？", "怎么还没到") leans towards the intents related
   * to the conversation's last answer and those of its category; a message near-identical to an
   * earlier one raises anxiety. Replies of one conversation use the same phrasings. Messages of one
   * conversation are handled one at a time.
   *
   * @throws IllegalArgumentException if the text is blank or longer than the maximum length; the
   *     conversation is then unchanged
   */
  public SuggestResult suggest(Conversation conversation, Message message) {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(message, "message");
    synchronized (conversation) {
      return answer(message, thresholds, conversation).result();
    }
  }

  /** A result together with the full ranking it was decided from, for evaluation. */
  record Outcome(SuggestResult result, List<Engine.Ranked> ranking) {}

  Outcome answer(String question, Thresholds thresholds) {
    return answer(Message.of(question), thresholds, null);
  }

  private Outcome answer(Message message, Thresholds thresholds, Conversation conversation) {
    return answer(message, matched(message.text()), thresholds, conversation);
  }

  private Outcome answer(
      Message message, Matched matched, Thresholds thresholds, Conversation conversation) {
    Objects.requireNonNull(thresholds, "thresholds");
    String question = message.text();
    String normalized = matched.normalized();
    Map<String, String> facts = matched.facts();
    if (!message.facts().isEmpty()) {
      facts = new LinkedHashMap<>(facts);
      facts.putAll(message.facts());
    }
    List<Conversation.Turn> turns = conversation == null ? List.of() : conversation.turns();
    List<String> earlier = new ArrayList<>();
    for (int i = Math.max(0, turns.size() - REPEAT_WINDOW); i < turns.size(); i++) {
      earlier.add(turns.get(i).message());
    }
    Emotion emotion = emotions.detect(question, earlier, message.waited());
    Engine.Ranking ranking =
        normalized.isEmpty() ? new Engine.Ranking("", List.of()) : kb.engine().rank(normalized);
    List<Engine.Ranked> ranked = ranking.ranked();
    if (!turns.isEmpty() && !normalized.isEmpty()) {
      ranked = inContext(ranked, normalized, turns, thresholds);
    }
    String seed = conversation == null ? normalized : conversation.id();
    SuggestResult result =
        decide(question, ranking.matched(), ranked, thresholds, emotion, seed, facts, matched.facts());
    if (conversation != null) {
      String intent = result.suggestions().isEmpty() || result.decision() == Decision.FALLBACK
          ? "" : result.suggestions().get(0).intent().id();
      conversation.add(
          new Conversation.Turn(
              question, intent, result.decision(), emotion.label(), emotion.intensity(), Instant.now()));
    }
    return new Outcome(result, ranked);
  }

  /**
   * Re-ranks a follow-up in the light of the conversation's last answered intent: the intents
   * related to it, of its category, or it itself gain weight, and the follow-up is also matched
   * together with the message that intent answered. Messages that stand on their own (long, and
   * answered confidently) are left alone.
   */
  private List<Engine.Ranked> inContext(
      List<Engine.Ranked> alone, String normalized, List<Conversation.Turn> turns, Thresholds t) {
    Conversation.Turn previous = null;
    for (int i = turns.size() - 1; i >= Math.max(0, turns.size() - CONTEXT_TURNS); i--) {
      if (!turns.get(i).intent().isEmpty()) {
        previous = turns.get(i);
        break;
      }
    }
    Intent last = previous == null ? null : kb.intent(previous.intent()).orElse(null);
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
    String together = matched(previous.message()).normalized() + " " + normalized;
    // The more a follow-up is understood on its own ("那运费谁出" names its matter, "可收到?" does
    // not), the less the earlier message, which pulls towards its own intent, counts.
    double weight = CONTEXT_WEIGHT * (1 - top);
    for (Engine.Ranked r : kb.engine().rank(together).ranked()) {
      double weighted = weight * r.confidence();
      Engine.Ranked own = merged.get(r.intent());
      if (own == null || own.confidence() < weighted) {
        merged.put(r.intent(), withConfidence(own == null ? r : own, weighted));
      }
    }
    List<Engine.Ranked> boosted = new ArrayList<>();
    double sum = 0;
    for (Engine.Ranked r : merged.values()) {
      Intent intent = kb.intentAt(r.intent());
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
        r.intent(), confidence, r.probability(), r.retrievalScore(), r.similarity(),
        r.nearestExample(), r.matchedTerms());
  }

  private SuggestResult decide(
      String question,
      String matched,
      List<Engine.Ranked> ranking,
      Thresholds t,
      Emotion emotion,
      String seed,
      Map<String, String> facts,
      Map<String, String> fromMetadata) {
    List<String> emoji = ChineseNormalizer.emoji(question);
    double first = ranking.isEmpty() ? 0 : ranking.get(0).confidence();
    double second = ranking.size() < 2 ? 0 : ranking.get(1).confidence();
    Style style = kb.style();

    Decision decision;
    List<Suggestion> suggestions = new ArrayList<>();
    Composer.Composed reply;
    if (t.answers(first, second)) {
      decision = Decision.MATCH;
      for (Engine.Ranked r : ranking) {
        if (suggestions.size() == topK || (!suggestions.isEmpty() && r.confidence() < t.suggestion())) {
          break;
        }
        suggestions.add(suggestion(r));
      }
      reply = Composer.answer(suggestions.get(0).intent(), emotion, style, seed, facts);
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
      reply = Composer.other(clarifyingQuestion(suggestions), emotion, style, seed, facts);
    } else {
      decision = Decision.FALLBACK;
      for (Engine.Ranked r : ranking) {
        if (suggestions.size() == topK || r.confidence() < t.suggestion()) {
          break;
        }
        suggestions.add(suggestion(r));
      }
      reply = Composer.other(FALLBACK_REPLY, emotion, style, seed, facts);
    }
    List<Advice> advice = advice(decision, suggestions, emotion);
    String reason = reason(decision, matched, first, second, t);
    List<Suggestion> also = List.of();
    String text = reply.text();
    List<String> unfilled = reply.unfilled();
    if (decision == Decision.MATCH) {
      also = alsoAsked(matched, suggestions.get(0).intent(), t);
      if (!also.isEmpty()) {
        StringBuilder more = new StringBuilder(text);
        List<String> allUnfilled = new ArrayList<>(unfilled);
        for (Suggestion other : also) {
          Composer.Composed part = Composer.aside(other.intent(), facts);
          more.append(part.text());
          part.unfilled().stream().filter(u -> !allUnfilled.contains(u)).forEach(allUnfilled::add);
        }
        text = more.toString();
        unfilled = allUnfilled;
      }
    }
    return new SuggestResult(
        question, matched, decision, reason, suggestions, text, emotion, advice, unfilled, also, emoji,
        fromMetadata, kb.version());
  }

  /**
   * Other questions in the same message: the clauses split at 另外/还有/顺便/对了 or at sentence
   * punctuation, each matched alone; a clause answered confidently by another intent is one more
   * question. Single-clause messages (most) cost nothing.
   */
  private List<Suggestion> alsoAsked(String matched, Intent main, Thresholds t) {
    String[] clauses = CLAUSES.split(matched);
    if (clauses.length < 2) {
      return List.of();
    }
    // Without a word that turns to another matter, two sentences are more often one matter told
    // twice (快递到哪了？好几天没更新了): then only an unrelated intent of another category counts.
    boolean turns = TURNS.matcher(matched).find();
    List<Suggestion> also = new ArrayList<>();
    for (String clause : clauses) {
      String c = clause.strip();
      if (c.length() < MIN_CLAUSE || also.size() == MAX_ALSO) {
        continue;
      }
      List<Engine.Ranked> ranked = kb.engine().rank(c).ranked();
      if (ranked.isEmpty()) {
        continue;
      }
      Engine.Ranked top = ranked.get(0);
      double second = ranked.size() < 2 ? 0 : ranked.get(1).confidence();
      Intent intent = kb.intentAt(top.intent());
      boolean known =
          intent.id().equals(main.id()) || also.stream().anyMatch(a -> a.intent().id().equals(intent.id()));
      boolean near =
          main.bundle().related().contains(intent.id())
              || intent.bundle().related().contains(main.id())
              || (!main.category().isEmpty() && main.category().equals(intent.category()));
      if (!known
          && (turns || !near)
          && t.answers(top.confidence(), second)) {
        also.add(suggestion(top));
      }
    }
    return also;
  }

  /** Why a decision was not MATCH, in words an editor can act on; empty for MATCH. */
  private String reason(Decision decision, String matched, double first, double second, Thresholds t) {
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
      return String.format(
          Locale.ROOT, "最高置信度 %.2f 低于回答阈值 %.2f", first, t.answer());
    }
    return String.format(
        Locale.ROOT, "前两个意图相差 %.2f，小于区分阈值 %.2f", first - second, t.margin());
  }

  /** What the agent should do besides sending the reply. */
  private List<Advice> advice(Decision decision, List<Suggestion> suggestions, Emotion emotion) {
    List<Advice> advice = new ArrayList<>();
    Intent answered = decision == Decision.MATCH ? suggestions.get(0).intent() : null;
    Bundle bundle = answered == null ? Bundle.EMPTY : answered.bundle();
    if (emotion.label() == Emotion.Label.ANGRY && emotion.intensity() >= ESCALATE_INTENSITY) {
      advice.add(new Advice(Advice.Kind.ESCALATE,
          "顾客情绪激动（愤怒 " + emotion.intensity() + "/10），请主管介入"));
    } else if (bundle.escalate()) {
      advice.add(new Advice(Advice.Kind.ESCALATE, "「" + answered.name() + "」需升级给主管处理"));
    }
    if (bundle.verifyIdentity()) {
      advice.add(new Advice(Advice.Kind.VERIFY_IDENTITY, "操作前先核实身份（绑定手机验证码或账号信息）"));
    }
    if (decision == Decision.FALLBACK) {
      advice.add(new Advice(Advice.Kind.CREATE_TICKET, "没有把握的回答：转人工并创建服务工单跟进"));
    } else if (bundle.ticket()) {
      advice.add(new Advice(Advice.Kind.CREATE_TICKET, "「" + answered.name() + "」通常需要创建工单跟进"));
    }
    for (String check : bundle.checks()) {
      advice.add(new Advice(Advice.Kind.CHECK, check));
    }
    for (String id : bundle.related()) {
      kb.intent(id).ifPresent(
          related -> advice.add(new Advice(Advice.Kind.RELATED, "顾客可能还会问：" + related.name())));
    }
    return advice;
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

  /**
   * A question as it is matched: checked, without its metadata, normalised; and the facts the
   * metadata gave.
   */
  private record Matched(String normalized, Map<String, String> facts) {}

  private Matched matched(String question) {
    check(question);
    MessageMetadata.Stripped stripped = kb.metadata().strip(question);
    return new Matched(ChineseNormalizer.normalize(stripped.text()), stripped.facts());
  }

  private void check(String question) {
    checkQuestion(question, maxQuestionLength);
  }

  /**
   * Checks a question as {@link #suggest(String)} does, before any knowledge base is at hand (a
   * command line refusing a blank question before it loads a corpus).
   *
   * @throws NullPointerException if the question is null
   * @throws IllegalArgumentException if the question is blank or longer than {@code
   *     maxQuestionLength} characters (code points)
   */
  public static void checkQuestion(String question, int maxQuestionLength) {
    Objects.requireNonNull(question, "question");
    int length = question.codePointCount(0, question.length());
    if (length > maxQuestionLength) {
      throw new IllegalArgumentException(
          "expected a question of at most " + maxQuestionLength + " characters but it had " + length);
    }
    if (question.isBlank()) {
      throw new IllegalArgumentException("expected a question but it was blank");
    }
  }

  @Override
  public String toString() {
    return "Suggester[" + kb + ", topK " + topK + ", " + thresholds
        + (cache == null ? "" : ", cache " + cacheStats()) + "]";
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
    private long cacheSize;

    private Builder(KnowledgeBase kb) {
      this.kb = kb;
    }

    /**
     * How many suggestions a result holds at most; 3 unless set. With 1, a result never asks the
     * shopper to choose (CLARIFY needs two options): it answers or falls back.
     */
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

    /**
     * Caches the results of plain questions ({@link #suggest(String)}, {@link
     * #suggest(String, Thresholds)}, and messages without facts or waiting time), at most this many,
     * least recently used dropped first; off unless set. Conversations are never cached: their
     * answers depend on what came before. Worth it when the same short questions come again and
     * again (在吗, 发货了吗, 人工); a result takes a few kilobytes.
     */
    public Builder cache(long maximumSize) {
      if (this.cacheSize != 0) {
        throw new IllegalStateException("cache was already set to " + this.cacheSize);
      }
      if (maximumSize < 1) {
        throw new IllegalArgumentException("expected a cache size >= 1 but was " + maximumSize);
      }
      this.cacheSize = maximumSize;
      return this;
    }

    public Suggester build() {
      return new Suggester(this);
    }
  }
}
