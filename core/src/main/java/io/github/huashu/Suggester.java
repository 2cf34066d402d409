package io.github.huashu;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.huashu.analyzers.ChineseNormalizer;
import io.github.huashu.internal.compose.Composer;
import io.github.huashu.internal.compose.Style;
import io.github.huashu.internal.decide.AdviceRules;
import io.github.huashu.internal.decide.Decider;
import io.github.huashu.internal.decide.FollowUps;
import io.github.huashu.internal.decide.Intents;
import io.github.huashu.internal.decide.MixedRequests;
import io.github.huashu.internal.fuse.Engine;
import io.github.huashu.internal.normalize.MessageMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers shopper questions from a {@link KnowledgeBase}: normalises the question, ranks the
 * intents by calibrated confidence and decides between {@link Decision#MATCH}, {@link
 * Decision#CLARIFY} and {@link Decision#FALLBACK}.
 *
 * <pre>{@code
 * Suggester suggester = Suggester.builder(kb).topK(3).build();
 * SuggestResult r = suggester.suggest("七天无理由退货怎么退？");
 * }</pre>
 *
 * <p>Suggesters are cheap to build and should be shared. Immutable and thread-safe.
 *
 * <p>Why one class of ~430 lines: it is the API's entry (six {@code suggest} overloads with their
 * contracts, the builder, the result cache and its key) and the one place that runs the stages in
 * order; the stages' rules live in their packages ({@code internal.decide}, {@code
 * internal.compose}, {@code internal.fuse}), and what is left here is javadoc and wiring.
 */
public final class Suggester {

  /** How many characters a question may have unless the builder says otherwise. */
  public static final int DEFAULT_MAX_QUESTION_LENGTH = 1000;

  /** Earlier messages compared with a new one to notice repetition. */
  private static final int REPEAT_WINDOW = 5;

  private final KnowledgeBase kb;
  private final int topK;
  private final Thresholds thresholds;
  private final int maxQuestionLength;
  private final EmotionDetector emotions = EmotionDetector.standard();
  private final Decider decider;
  private final FollowUps followUps;
  private final MixedRequests mixedRequests;
  private final AdviceRules adviceRules;

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
    Intents intents = new KnowledgeBaseIntents(kb);
    this.decider = new Decider(intents, topK);
    this.followUps = new FollowUps(intents, message -> matched(message).normalized());
    this.mixedRequests = new MixedRequests(intents, decider);
    this.adviceRules = new AdviceRules(intents);
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
   * Answers the next message of a conversation in its context, and adds it to the conversation. A
   * short or elliptical follow-up ("那运费谁出？", "怎么还没到") leans towards the intents related to the
   * conversation's last answer and those of its category; a message near-identical to an earlier
   * one raises anxiety. Replies of one conversation use the same phrasings. Messages of one
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
      ranked = followUps.inContext(ranked, normalized, turns, thresholds);
    }
    String seed = conversation == null ? normalized : conversation.id();
    SuggestResult result =
        decide(
            question, ranking.matched(), ranked, thresholds, emotion, seed, facts, matched.facts());
    if (conversation != null) {
      String intent =
          result.suggestions().isEmpty() || result.decision() == Decision.FALLBACK
              ? ""
              : result.suggestions().get(0).intent().id();
      conversation.add(
          new Conversation.Turn(
              question,
              intent,
              result.decision(),
              emotion.label(),
              emotion.intensity(),
              Instant.now()));
    }
    return new Outcome(result, ranked);
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
    Decider.Decided decided = decider.decide(ranking, t, matched);
    Decision decision = decided.decision();
    List<Suggestion> suggestions = decided.suggestions();
    Style style = kb.style();
    Composer.Composed reply =
        switch (decision) {
          case MATCH -> Composer.answer(suggestions.get(0).intent(), emotion, style, seed, facts);
          case CLARIFY ->
              Composer.other(Decider.clarifyingQuestion(suggestions), emotion, style, seed, facts);
          case FALLBACK -> Composer.other(Composer.FALLBACK_REPLY, emotion, style, seed, facts);
        };
    List<Suggestion> also = List.of();
    String text = reply.text();
    List<String> unfilled = reply.unfilled();
    if (decision == Decision.MATCH) {
      also = mixedRequests.alsoAsked(matched, suggestions.get(0).intent(), t);
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
        question,
        matched,
        decision,
        decided.reason(),
        suggestions,
        text,
        emotion,
        adviceRules.advise(decision, suggestions, emotion),
        unfilled,
        also,
        ChineseNormalizer.emoji(question),
        fromMetadata,
        kb.version());
  }

  /** The knowledge base as deciding sees it. */
  private record KnowledgeBaseIntents(KnowledgeBase kb) implements Intents {
    @Override
    public Intent at(int ordinal) {
      return kb.intentAt(ordinal);
    }

    @Override
    public Optional<Intent> byId(String id) {
      return kb.intent(id);
    }

    @Override
    public List<Engine.Ranked> rank(String normalized) {
      return kb.engine().rank(normalized).ranked();
    }
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
          "expected a question of at most "
              + maxQuestionLength
              + " characters but it had "
              + length);
    }
    if (question.isBlank()) {
      throw new IllegalArgumentException("expected a question but it was blank");
    }
  }

  @Override
  public String toString() {
    return "Suggester["
        + kb
        + ", topK "
        + topK
        + ", "
        + thresholds
        + (cache == null ? "" : ", cache " + cacheStats())
        + "]";
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
     * Caches the results of plain questions ({@link #suggest(String)}, {@link #suggest(String,
     * Thresholds)}, and messages without facts or waiting time), at most this many, least recently
     * used dropped first; off unless set. Conversations are never cached: their answers depend on
     * what came before. Worth it when the same short questions come again and again (在吗, 发货了吗, 人工);
     * a result takes a few kilobytes.
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
