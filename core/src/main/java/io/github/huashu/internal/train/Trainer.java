package io.github.huashu.internal.train;

import io.github.huashu.Intent;
import io.github.huashu.analyzers.ChineseAnalyzers.Segmenter;
import io.github.huashu.analyzers.ChineseNormalizer;
import io.github.huashu.analyzers.PinyinSpeller;
import io.github.huashu.internal.corpus.Corpus;
import io.github.huashu.internal.features.Analysis;
import io.github.huashu.internal.features.FeatureDictionary;
import io.github.huashu.internal.features.Featurizer;
import io.github.huashu.internal.features.Grams;
import io.github.huashu.internal.fuse.Engine;
import io.github.huashu.internal.fuse.Evidence;
import io.github.huashu.internal.normalize.AskingPart;
import io.github.huashu.internal.normalize.MessageMetadata;
import io.github.huashu.internal.retrieve.NearestExamples;
import io.github.huashu.internal.retrieve.Tokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a knowledge base's {@link Engine}: analyses every example once, numbers the corpus's
 * features, trains the final classifier and index, and calibrates by cross-validation folds that
 * train matchers of their own (a large corpus's folds are simulated on its final matcher), in
 * parallel on a pool of this load's own.
 *
 * <p>The calibration folds are {@link CalibrationFolds}; this class prepares what they share.
 * Stateless.
 */
public final class Trainer {

  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  private Trainer() {}

  /**
   * Trains the engine of a corpus that was read without errors: wires the corpus's own words and
   * synonyms into the analyzers, then trains as {@link #train(List, List, MessageMetadata,
   * Analyzer, Analyzer, Analyzer, Set, boolean, Boolean)}.
   *
   * @param centroids score against centroids (true), with a classifier (false), or by size (null)
   */
  public static Engine train(
      Corpus corpus,
      Segmenter segmenter,
      MessageMetadata metadata,
      boolean repairTypos,
      Boolean centroids) {
    Set<String> words = dictionary(corpus);
    // The featurizer keeps how its analyzers were built, so that a snapshot builds them again.
    Featurizer plain =
        new Featurizer(new Analysis(segmenter, List.copyOf(words), corpus.synonyms()));
    return train(
        corpus.intents(), corpus.negatives(), metadata, plain, words, repairTypos, centroids);
  }

  /** The corpus's own words: intent names, terms and synonyms. */
  private static Set<String> dictionary(Corpus corpus) {
    Set<String> words = new LinkedHashSet<>();
    for (Intent intent : corpus.intents()) {
      if (!intent.name().equals(intent.id())) {
        words.add(intent.name());
      }
      words.addAll(intent.terms());
    }
    corpus.synonyms().forEach(words::addAll);
    return words;
  }

  /**
   * Trains on the intents' examples (and out-of-scope negatives), then calibrates by
   * cross-validation: in each fold some examples and some whole intents are held out. The final
   * model and the folds train in parallel on a pool of this load's own, shut down before returning.
   */
  public static Engine train(
      List<Intent> intents,
      List<String> negatives,
      MessageMetadata metadata,
      Analyzer words,
      Analyzer indexWords,
      Analyzer bigrams,
      Set<String> terms,
      boolean repairTypos,
      Boolean centroids) {
    return train(
        intents,
        negatives,
        metadata,
        new Featurizer(words, indexWords, bigrams, PinyinSpeller.NONE),
        terms,
        repairTypos,
        centroids);
  }

  private static Engine train(
      List<Intent> intents,
      List<String> negatives,
      MessageMetadata metadata,
      Featurizer plain,
      Set<String> terms,
      boolean repairTypos,
      Boolean centroids) {
    MatchSettings settings = MatchSettings.DEFAULT;
    long start = System.nanoTime();
    List<Labelled> texts = new ArrayList<>();
    Map<Integer, String> describe = new HashMap<>();
    for (int i = 0; i < intents.size(); i++) {
      Intent intent = intents.get(i);
      for (int e = 0; e < intent.examples().size(); e++) {
        texts.add(new Labelled(i, e, intent.examples().get(e)));
      }
      if (!intent.name().equals(intent.id()) || !intent.terms().isEmpty()) {
        describe.put(i, intent.name() + " " + String.join(" ", intent.terms()));
      }
    }
    for (int n = 0; n < negatives.size(); n++) {
      texts.add(new Labelled(Evidence.NONE, n, negatives.get(n)));
    }

    int threads =
        Math.max(1, Math.min(settings.folds() + 1, Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, Trainer::loadThread);
    try {
      // Examples are matched as questions are: without their metadata (order numbers, links).
      // Each text's feature map is tallied as soon as it is analysed and let go (see
      // FeatureTally); its words are shared with the other texts'.
      FeatureTally tally = new FeatureTally();
      ConcurrentMap<String, String> canonical = new ConcurrentHashMap<>();
      List<Analysed> analysedTexts =
          all(pool, texts, t -> analysed(plain, metadata.strip(t.text()).text(), tally, canonical));
      List<Integer> describedIntents = new ArrayList<>(describe.keySet());
      List<Analysed> described =
          all(
              pool,
              describedIntents,
              intent -> analysed(plain, describe.get(intent), tally, canonical));
      List<FeatureTally.Counted> everything = new ArrayList<>(analysedTexts.size());
      analysedTexts.forEach(a -> everything.add(a.features()));
      described.forEach(a -> everything.add(a.features()));
      long segmented = System.nanoTime();
      // The speller is built on the pool while this thread numbers the features: both wait for
      // the analysis alone. It never changes the corpus's own texts (it leaves alone whatever they
      // contain), so the texts analysed without it are exactly what the speller would give.
      // Immutable: the speller reads it on the pool while this thread goes on and lets go of its
      // own lists (clearing this one under the speller lost its texts, or threw).
      List<Featurizer.Text> ownTexts = analysedTexts.stream().map(Analysed::text).toList();
      Future<PinyinSpeller> spelling =
          repairTypos ? pool.submit(() -> speller(terms, ownTexts)) : null;
      FeatureTally.Encoder encoder = tally.dictionary(everything, settings.minDocumentFrequency());
      everything.clear();
      FeatureDictionary dictionary = encoder.dictionary();
      LOG.debug(
          "{} distinct features, {} in the dictionary",
          encoder.finalId().length,
          dictionary.size());
      long numbered = System.nanoTime();
      List<Integer> ordinals = new ArrayList<>(texts.size());
      for (int i = 0; i < texts.size(); i++) {
        ordinals.add(i);
      }
      List<Evidence.Sample> samples =
          all(
              pool,
              ordinals,
              i ->
                  new Evidence.Sample(
                      texts.get(i).intent(),
                      texts.get(i).example(),
                      analysedTexts.get(i).text(),
                      analysedTexts
                          .get(i)
                          .indexed()
                          .prepared(encoder.encode(analysedTexts.get(i).features()))));
      long prepared = System.nanoTime();
      List<Evidence.Sample> describedSamples = new ArrayList<>(described.size());
      for (int d = 0; d < described.size(); d++) {
        describedSamples.add(
            new Evidence.Sample(
                describedIntents.get(d),
                -1,
                described.get(d).text(),
                described.get(d).indexed().prepared(encoder.encode(described.get(d).features()))));
      }
      Map<Integer, Evidence.Sample> descriptions = new HashMap<>();
      describedSamples.forEach(sample -> descriptions.put(sample.intent(), sample));
      analysedTexts.clear();
      described.clear();

      boolean large = centroids == null ? intents.size() > settings.largeIntents() : centroids;
      boolean borrowsNegatives = negatives.size() < settings.minNegatives();
      // The final matcher starts training now, beside the speller and the background, unless it
      // is to learn from borrowed background messages: a large corpus's centroids never do (they
      // have no out-of-scope class), so it trains on the corpus's own samples alone, as it would
      // with the borrowed ones among them.
      Future<Evidence> full =
          large || !borrowsNegatives
              ? pool.submit(
                  () -> Evidence.train(dictionary, samples, descriptions, settings, large, pool))
              : null;
      Featurizer featurizer = spelling == null ? plain : plain.withSpeller(spelling.get());
      long spelled = System.nanoTime();
      List<Featurizer.Text> background = background(pool, featurizer, samples);
      List<Evidence.Sample> trained = samples;
      if (borrowsNegatives) {
        // A corpus without messages of its own not to answer (a shop's first) borrows half the
        // built-in background as its out-of-scope class, so that its classifier can say "none of
        // these" at all; the other half stays for calibration, never trained on.
        List<Featurizer.Text> calibrationHalf = new ArrayList<>();
        List<Evidence.Sample> withNegatives = new ArrayList<>(samples);
        for (int b = 0; b < background.size(); b++) {
          Featurizer.Text text = background.get(b);
          if (b % 2 == 0) {
            withNegatives.add(
                new Evidence.Sample(
                    Evidence.NONE,
                    -1,
                    text.withoutFeatures(),
                    prepare(featurizer, dictionary, text, canonical)));
          } else {
            calibrationHalf.add(text);
          }
        }
        trained = withNegatives;
        background = calibrationHalf;
      }
      long analysed = System.nanoTime();
      LOG.debug(
          "analysis (index tokens with it) {} ms, feature dictionary {} ms, features {} ms, speller"
              + " (waited for) {} ms, background {} ms",
          (segmented - start) / 1_000_000,
          (numbered - segmented) / 1_000_000,
          (prepared - numbered) / 1_000_000,
          (spelled - prepared) / 1_000_000,
          (analysed - spelled) / 1_000_000);

      if (full == null) {
        List<Evidence.Sample> finalSamples = trained;
        full =
            pool.submit(
                () ->
                    Evidence.train(dictionary, finalSamples, descriptions, settings, large, pool));
      }
      // A large corpus calibrates against its one matcher, each fold simulated on it (see
      // Evidence.candidatesInFold): training three fold matchers of its own size cost more than
      // the final one. (A small corpus scored by centroids on request trains its folds, as it
      // always did.)
      boolean simulated = large && intents.size() > settings.largeIntents();
      CalibrationFolds.Calibration calibration =
          CalibrationFolds.calibrate(
              pool,
              dictionary,
              intents.size(),
              trained,
              descriptions,
              background,
              settings,
              large,
              simulated ? full : null);
      Evidence matcher = full.get();
      LOG.debug(
          "analysed {} samples in {} ms; trained and calibrated on {} questions in {} ms on {} threads",
          samples.size(),
          (analysed - start) / 1_000_000,
          calibration.stats().questions(),
          (System.nanoTime() - analysed) / 1_000_000,
          threads);
      return new Engine(featurizer, matcher, calibration.calibrator());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while training", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException("training failed", cause);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Evidence.Prepared prepare(
      Featurizer featurizer,
      FeatureDictionary dictionary,
      Featurizer.Text text,
      ConcurrentMap<String, String> canonical) {
    return new Evidence.Prepared(
        dictionary.encode(text.features()),
        Tokens.of(featurizer.indexAnalyzer(), text.normalized(), canonical),
        Tokens.of(featurizer.bigramAnalyzer(), text.normalized(), canonical));
  }

  /** A training text's tokens for the retrieval index's two fields. */
  private record Indexed(Tokens words, Tokens bigrams) {

    Evidence.Prepared prepared(FeatureDictionary.Encoded features) {
      return new Evidence.Prepared(features, words, bigrams);
    }
  }

  /** An analysed training text without its feature map, its index tokens and features tallied. */
  private record Analysed(Featurizer.Text text, Indexed indexed, FeatureTally.Counted features) {}

  private static Analysed analysed(
      Featurizer featurizer,
      String text,
      FeatureTally tally,
      ConcurrentMap<String, String> canonical) {
    String normalized = normalized(text);
    // Index mode first: the query-mode analysis that follows on this thread takes its words from
    // the same segmentation (see Analysis#both) instead of segmenting again.
    Tokens words = Tokens.of(featurizer.indexAnalyzer(), normalized, canonical);
    Featurizer.Text analysed = featurizer.analyze(normalized);
    if (!analysed.normalized().equals(normalized)) {
      // Typos repaired (a featurizer with a speller): the index takes the repaired text too.
      words = Tokens.of(featurizer.indexAnalyzer(), analysed.normalized(), canonical);
    }
    Tokens bigrams = Tokens.of(featurizer.bigramAnalyzer(), analysed.normalized(), canonical);
    Featurizer.Text kept =
        new Featurizer.Text(
            analysed.normalized(),
            shared(analysed.tokens(), canonical),
            Map.of(),
            analysed.grams(),
            shared(analysed.bigrams(), canonical));
    return new Analysed(kept, new Indexed(words, bigrams), tally.count(analysed.features()));
  }

  /** The words, each the one instance of its string that this load keeps. */
  private static List<String> shared(List<String> words, ConcurrentMap<String, String> canonical) {
    String[] out = new String[words.size()];
    for (int i = 0; i < out.length; i++) {
      String word = words.get(i);
      // A lookup first: most words are known (see Tokens.of).
      String known = canonical.get(word);
      if (known == null) {
        known = canonical.putIfAbsent(word, word);
      }
      out[i] = known == null ? word : known;
    }
    // Unmodifiable, over an array no one else holds: no second copy for each of the texts.
    return Collections.unmodifiableList(Arrays.asList(out));
  }

  /** A text to analyse with its label: intent ordinal (or {@link Evidence#NONE}) and ordinal. */
  private record Labelled(int intent, int example, String text) {}

  private static Thread loadThread(Runnable task) {
    Thread thread = new Thread(task, "huashu-load");
    thread.setDaemon(true);
    return thread;
  }

  /** Applies the function to every item on the pool, keeping the order. */
  static <T, R> List<R> all(ExecutorService pool, List<T> items, Function<T, R> function)
      throws InterruptedException, ExecutionException {
    return collect(start(pool, items, function));
  }

  /** Starts applying the function to every item on the pool, in a few parts. */
  static <T, R> List<Future<List<R>>> start(
      ExecutorService pool, List<T> items, Function<T, R> function) {
    int chunks = 8;
    List<Future<List<R>>> parts = new ArrayList<>();
    for (int c = 0; c < chunks; c++) {
      int from = items.size() * c / chunks;
      int to = items.size() * (c + 1) / chunks;
      parts.add(
          pool.submit(
              () -> {
                List<R> out = new ArrayList<>(to - from);
                for (T item : items.subList(from, to)) {
                  out.add(function.apply(item));
                }
                return out;
              }));
    }
    return parts;
  }

  /** The results of {@link #start}, in the items' order. */
  static <R> List<R> collect(List<Future<List<R>>> parts)
      throws InterruptedException, ExecutionException {
    List<R> out = new ArrayList<>();
    for (Future<List<R>> part : parts) {
      out.addAll(part.get());
    }
    return out;
  }

  /**
   * A speller that repairs pinyin typos towards the corpus's words: those used in at least two
   * examples, and its terms (intent names, terms, synonyms).
   */
  private static PinyinSpeller speller(Set<String> corpusTerms, List<Featurizer.Text> analysed) {
    Map<String, Integer> frequency = new HashMap<>();
    List<String> texts = new ArrayList<>();
    for (Featurizer.Text text : analysed) {
      texts.add(text.normalized());
      for (String token : text.distinctTokens()) {
        frequency.merge(token, 1, Integer::sum);
      }
    }
    return PinyinSpeller.forCorpus(frequency, corpusTerms, texts);
  }

  /** Background messages this similar to the corpus are taken to be in its scope. */
  private static final double BACKGROUND_MAX_COVERAGE = 0.6;

  private static final double BACKGROUND_MAX_SIMILARITY = 0.6;

  /** Examples each background message is compared with, at most. */
  private static final int BACKGROUND_MAX_COMPARED = 20_000;

  /**
   * The built-in out-of-scope messages, without those this corpus covers (most of their words, or
   * an example nearly like them): a corpus with a weather intent must not learn that weather
   * questions are out of scope.
   */
  private static List<Featurizer.Text> background(
      ExecutorService pool, Featurizer featurizer, List<Evidence.Sample> samples)
      throws InterruptedException, ExecutionException {
    Set<String> vocabulary = new HashSet<>();
    for (Evidence.Sample sample : samples) {
      vocabulary.addAll(sample.text().tokens());
    }
    // Against every example of a small corpus; a large one's are sampled evenly, or this check
    // alone would grow with background messages times examples. The compared examples are one
    // inverted list of grams: a message meets only the examples that share a gram with it, and
    // the most similar one's Dice coefficient is the same as the best of comparing each.
    int step = Math.max(1, samples.size() / BACKGROUND_MAX_COMPARED);
    List<Grams> compared = new ArrayList<>();
    for (int s = 0; s < samples.size(); s += step) {
      compared.add(samples.get(s).text().grams());
    }
    NearestExamples examples = NearestExamples.of(compared, new int[compared.size()]);
    List<Featurizer.Text> analysed = all(pool, Background.sentences(), s -> analyze(featurizer, s));
    List<Boolean> covered =
        all(
            pool,
            analysed,
            text -> {
              Set<String> tokens = text.distinctTokens();
              long known = tokens.stream().filter(vocabulary::contains).count();
              if (!tokens.isEmpty() && (double) known / tokens.size() >= BACKGROUND_MAX_COVERAGE) {
                return true;
              }
              return examples.nearest(text.grams()).similarity() >= BACKGROUND_MAX_SIMILARITY;
            });
    List<Featurizer.Text> kept = new ArrayList<>();
    for (int i = 0; i < analysed.size(); i++) {
      if (!covered.get(i)) {
        kept.add(analysed.get(i));
      }
    }
    LOG.debug("{} of {} background messages kept as out of scope", kept.size(), analysed.size());
    return kept;
  }

  private static Featurizer.Text analyze(Featurizer featurizer, String text) {
    return featurizer.analyze(normalized(text));
  }

  /** A training text as the featurizer takes it: normalised, and the part of it that asks. */
  private static String normalized(String text) {
    return AskingPart.of(ChineseNormalizer.normalize(text));
  }
}
