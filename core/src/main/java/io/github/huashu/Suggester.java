package io.github.huashu;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.huashu.analyzers.ChineseNormalizer;
import io.github.huashu.analyzers.TypedText;
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
import java.util.concurrent.CancellationException;

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
 * <p>Why one class of ~490 lines: it is the API's entry (six {@code suggest} overloads with their
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

  /**
   * What the normalised text decides, by that text and the thresholds, or null when caching is off.
   * The emotion, the reply and the advice are not cached: they are read for each message from its
   * own text, so a cached decision never carries another spelling's reading.
   */
  private final Cache<CacheKey, Settled> cache;

  /** What a decision depends on: the normalised text and the thresholds (the corpus is fixed). */
  private record CacheKey(String normalized, Thresholds thresholds) {}

  /**
   * What follows from a ranking alone: the decision with its suggestions, and the other questions
   * of a mixed request.
   *
   * @param matched the text the ranking was matched on
   */
  private record Settled(String matched, Decider.Decided decided, List<Suggestion> also) {}

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
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(thresholds, "thresholds");
    return answer(Message.of(question), thresholds, null).result();
  }

  /**
   * The statistics of this suggester's cache; {@link CacheStats#NONE} if it has none. The cache
   * belongs to this suggester and its knowledge base: a suggester built for a reloaded knowledge
   * base starts with an empty cache, so no decision of another corpus is ever returned.
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
    return answer(message, thresholds, null).result();
  }

  /** Answers the next message of a conversation; see {@link #suggest(Conversation, Message)}. */
  public SuggestResult suggest(Conversation conversation, String message) {
    return suggest(conversation, Message.of(message));
  }

  /**
   * Answers the next message of a conversation in its context, and adds it to the conversation. A
   * short or elliptical follow-up ("那运费谁出？", "怎么还没到") leans towards the intents related to the
   * conversation's last answer and those of its category, unless it says nothing the corpus knows
   * ("?", "哈哈哈", text in another language): context never turns noise into an answer. A message
   * near-identical to an earlier one raises anxiety. Earlier messages longer than this suggester
   * accepts are not read. Replies of one conversation use the same phrasings. Messages of one
   * conversation are handled one at a time.
   *
   * @throws IllegalArgumentException if the text is blank or longer than the maximum length; the
   *     conversation is then unchanged
   * @throws CancellationException if the calling thread is interrupted before the message is added
   *     (its interrupt status stays set); the conversation is then unchanged
   */
  public SuggestResult suggest(Conversation conversation, Message message) {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(message, "message");
    synchronized (conversation) {
      return answer(message, thresholds, conversation).result();
    }
  }

  /**
   * A result together with the full ranking it was decided from, for evaluation; the ranking is
   * empty when the decision came from the cache.
   */
  record Outcome(SuggestResult result, List<Engine.Ranked> ranking) {}

  /** An uncached answer, for evaluation. */
  Outcome answer(String question, Thresholds thresholds) {
    Matched matched = matched(question);
    Engine.Ranking ranking = rank(matched.normalized());
    Settled settled = settle(ranking.matched(), ranking.ranked(), thresholds);
    SuggestResult result =
        compose(Message.of(question), matched, settled, emotions.detect(matched.cleaned()), null);
    return new Outcome(result, ranking.ranked());
  }

  private Outcome answer(Message message, Thresholds thresholds, Conversation conversation) {
    Objects.requireNonNull(thresholds, "thresholds");
    Matched matched = matched(message.text());
    String normalized = matched.normalized();
    List<Conversation.Turn> turns = conversation == null ? List.of() : readable(conversation);
    List<String> earlier = new ArrayList<>();
    for (int i = Math.max(0, turns.size() - REPEAT_WINDOW); i < turns.size(); i++) {
      earlier.add(turns.get(i).message());
    }
    Emotion emotion = emotions.detect(matched.cleaned(), earlier, message.waited());
    Settled settled;
    List<Engine.Ranked> ranked = List.of();
    if (conversation == null && cache != null) {
      // What the text decides is the same for every spelling of it; each message's own reading
      // (emotion, facts, emoji) is added below.
      settled =
          cache.get(
              new CacheKey(normalized, thresholds),
              k -> {
                Engine.Ranking ranking = rank(normalized);
                return settle(ranking.matched(), ranking.ranked(), thresholds);
              });
    } else {
      Engine.Ranking ranking = rank(normalized);
      ranked = ranking.ranked();
      if (!turns.isEmpty() && !normalized.isEmpty()) {
        ranked = followUps.inContext(ranking, normalized, turns, thresholds);
      }
      settled = settle(ranking.matched(), ranked, thresholds);
    }
    SuggestResult result = compose(message, matched, settled, emotion, conversation);
    if (conversation != null) {
      if (Thread.currentThread().isInterrupted()) {
        // The caller gave up on the answer (a server's request timeout cancels its work): a
        // message it will send again must not be in the conversation already.
        throw new CancellationException(
            "interrupted while answering; the message was not added to the conversation");
      }
      String intent =
          result.suggestions().isEmpty() || result.decision() == Decision.FALLBACK
              ? ""
              : result.suggestions().get(0).intent().id();
      conversation.add(
          new Conversation.Turn(
              message.text(),
              intent,
              result.decision(),
              emotion.label(),
              emotion.intensity(),
              Instant.now()));
    }
    return new Outcome(result, ranked);
  }

  /**
   * The turns of a conversation this suggester reads: those it would have accepted as questions. A
   * conversation from a suggester with a higher length limit cannot make this one read more.
   */
  private List<Conversation.Turn> readable(Conversation conversation) {
    List<Conversation.Turn> turns = conversation.turns();
    for (Conversation.Turn turn : turns) {
      if (!acceptable(turn.message())) {
        return turns.stream().filter(t -> acceptable(t.message())).toList();
      }
    }
    return turns;
  }

  private boolean acceptable(String message) {
    return message.length() <= 2 * maxQuestionLength
        && message.codePointCount(0, message.length()) <= maxQuestionLength
        && !message.isBlank();
  }

  private Engine.Ranking rank(String normalized) {
    return normalized.isEmpty() ? Engine.Ranking.NOTHING : kb.engine().rank(normalized);
  }

  /** The decision on a ranking, and for a MATCH the other questions of a mixed request. */
  private Settled settle(String matched, List<Engine.Ranked> ranking, Thresholds t) {
    Decider.Decided decided = decider.decide(ranking, t, matched);
    List<Suggestion> also =
        decided.decision() == Decision.MATCH
            ? mixedRequests.alsoAsked(matched, decided.suggestions().get(0).intent(), t)
            : List.of();
    return new Settled(matched, decided, also);
  }

  /** The result of a settled decision for one message: the reply for its emotion and facts. */
  private SuggestResult compose(
      Message message,
      Matched matched,
      Settled settled,
      Emotion emotion,
      Conversation conversation) {
    Map<String, String> facts = matched.facts();
    if (!message.facts().isEmpty()) {
      facts = new LinkedHashMap<>(facts);
      facts.putAll(message.facts());
    }
    // The phrasings are chosen by the conversation, or else by the text.
    String seed = conversation == null ? matched.normalized() : conversation.id();
    Decider.Decided decided = settled.decided();
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
    List<Suggestion> also = settled.also();
    String text = reply.text();
    List<String> unfilled = reply.unfilled();
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
    return new SuggestResult(
        message.text(),
        settled.matched(),
        decision,
        decided.reason(),
        suggestions,
        text,
        emotion,
        adviceRules.advise(decision, suggestions, emotion),
        unfilled,
        also,
        ChineseNormalizer.emoji(matched.cleaned()),
        matched.facts(),
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
   * A question as every reader reads it: checked; cleaned of what cannot be seen ({@link
   * TypedText}: the emotion reader and the emoji read this); without its metadata and normalised
   * (matching, the cache and the split of mixed requests read this); and the facts the metadata
   * gave.
   */
  private record Matched(String cleaned, String normalized, Map<String, String> facts) {}

  private Matched matched(String question) {
    check(question);
    String cleaned = TypedText.clean(question);
    MessageMetadata.Stripped stripped = kb.metadata().strip(cleaned);
    return new Matched(cleaned, ChineseNormalizer.normalize(stripped.text()), stripped.facts());
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
     * Caches what the text of a message decides (the ranking's decision, its suggestions and the
     * other questions of a mixed request), for at most this many normalised texts and thresholds,
     * least recently used dropped first; off unless set. Each message's emotion, reply, advice,
     * emoji and facts are still read from its own text, so a cached answer is the answer it would
     * have had uncached, whichever spelling came first. Messages of a conversation are never
     * cached: their answers depend on what came before. Worth it when the same short questions come
     * again and again (在吗, 发货了吗, 人工); an entry takes a few kilobytes.
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
