package io.github.huashu.internal.match;

import de.bwaldvogel.liblinear.Linear;
import io.github.huashu.Intent;
import io.github.huashu.analyzers.ChineseNormalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trained matching pipeline of one knowledge base: analysis, classifier and retrieval fused
 * into calibrated confidences. Not API. Immutable and thread-safe.
 */
public final class Engine {

  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  static {
    // liblinear prints training progress to System.out unless told not to; a library must not.
    Linear.disableDebugOutput();
  }

  /** An intent with its confidence and the evidence behind it. */
  public record Ranked(
      int intent,
      double confidence,
      double probability,
      float retrievalScore,
      double similarity,
      int nearestExample,
      List<String> matchedTerms) {}

  /** What calibration saw, for the load log and for tests. */
  public record CalibrationStats(int questions, int outOfScope, int rows, boolean fitted) {}

  private final Featurizer featurizer;
  private final Matcher matcher;
  private final Calibrator calibrator;
  private final CalibrationStats stats;

  private Engine(Featurizer featurizer, Matcher matcher, Calibrator calibrator, CalibrationStats stats) {
    this.featurizer = featurizer;
    this.matcher = matcher;
    this.calibrator = calibrator;
    this.stats = stats;
  }

  /**
   * Trains on the intents' examples (and out-of-scope negatives), then calibrates by
   * cross-validation: in each fold some examples and some whole intents are held out.
   */
  public static Engine train(
      List<Intent> intents, List<String> negatives, Analyzer words, Analyzer bigrams) {
    MatchSettings settings = MatchSettings.DEFAULT;
    Featurizer featurizer = new Featurizer(words, bigrams);
    List<Matcher.Sample> samples = new ArrayList<>();
    Map<Integer, Featurizer.Text> descriptions = new HashMap<>();
    for (int i = 0; i < intents.size(); i++) {
      Intent intent = intents.get(i);
      List<String> examples = intent.examples();
      for (int e = 0; e < examples.size(); e++) {
        samples.add(new Matcher.Sample(i, e, analyze(featurizer, examples.get(e))));
      }
      if (!intent.name().equals(intent.id()) || !intent.terms().isEmpty()) {
        String description = intent.name() + " " + String.join(" ", intent.terms());
        descriptions.put(i, analyze(featurizer, description));
      }
    }
    for (int n = 0; n < negatives.size(); n++) {
      samples.add(new Matcher.Sample(Matcher.NONE, n, analyze(featurizer, negatives.get(n))));
    }
    long start = System.nanoTime();
    Matcher full = Matcher.train(featurizer, samples, descriptions, settings);
    long trained = System.nanoTime();
    List<Featurizer.Text> background = background(featurizer, full);
    Calibration calibration =
        calibrate(featurizer, intents.size(), samples, descriptions, background, settings);
    long calibrated = System.nanoTime();
    LOG.debug(
        "trained on {} samples in {} ms, calibrated on {} in {} ms",
        samples.size(),
        (trained - start) / 1_000_000,
        calibration.stats.questions(),
        (calibrated - trained) / 1_000_000);
    return new Engine(featurizer, full, calibration.calibrator, calibration.stats);
  }

  /**
   * The built-in out-of-scope messages, without those this corpus covers: a corpus with a weather
   * intent must not learn that weather questions are out of scope.
   */
  private static List<Featurizer.Text> background(Featurizer featurizer, Matcher full) {
    List<Featurizer.Text> kept = new ArrayList<>();
    for (String sentence : Background.sentences()) {
      Featurizer.Text text = analyze(featurizer, sentence);
      boolean covered = false;
      for (Matcher.Candidate c : full.candidates(text)) {
        covered |= c.corpusCoverage() >= BACKGROUND_MAX_COVERAGE || c.similarity() >= BACKGROUND_MAX_SIMILARITY;
      }
      if (!covered) {
        kept.add(text);
      }
    }
    return kept;
  }

  /** Background messages this similar to the corpus are taken to be in its scope. */
  private static final double BACKGROUND_MAX_COVERAGE = 0.6;
  private static final double BACKGROUND_MAX_SIMILARITY = 0.6;

  private static Featurizer.Text analyze(Featurizer featurizer, String text) {
    return featurizer.analyze(ChineseNormalizer.normalize(text));
  }

  private record Calibration(Calibrator calibrator, CalibrationStats stats) {}

  /** Even a tiny corpus sees this many background questions per fold. */
  private static final int MIN_BACKGROUND = 20;

  private static Calibration calibrate(
      Featurizer featurizer,
      int intentCount,
      List<Matcher.Sample> samples,
      Map<Integer, Featurizer.Text> descriptions,
      List<Featurizer.Text> background,
      MatchSettings settings) {
    int folds = settings.folds();
    Random random = new Random(settings.seed());
    // Whole intents held out per fold simulate questions that no intent covers.
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < intentCount; i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    int[] unseenFold = new int[intentCount];
    boolean holdOutIntents = intentCount > folds;
    for (int rank = 0; rank < intentCount; rank++) {
      unseenFold[order.get(rank)] = holdOutIntents ? rank % folds : -1;
    }
    // Every sample gets a fold, spread evenly within its intent.
    Map<Integer, List<Integer>> byIntent = new HashMap<>();
    for (int s = 0; s < samples.size(); s++) {
      byIntent.computeIfAbsent(samples.get(s).intent(), k -> new ArrayList<>()).add(s);
    }
    int[] sampleFold = new int[samples.size()];
    for (List<Integer> members : byIntent.values()) {
      Collections.shuffle(members, random);
      for (int rank = 0; rank < members.size(); rank++) {
        sampleFold[members.get(rank)] = rank % folds;
      }
    }

    List<double[]> rows = new ArrayList<>();
    List<Boolean> correct = new ArrayList<>();
    int questions = 0;
    int outOfScope = 0;
    for (int fold = 0; fold < folds; fold++) {
      List<Matcher.Sample> training = new ArrayList<>();
      List<Matcher.Sample> held = new ArrayList<>();
      for (int s = 0; s < samples.size(); s++) {
        Matcher.Sample sample = samples.get(s);
        boolean unseen = sample.intent() != Matcher.NONE && unseenFold[sample.intent()] == fold;
        if (sampleFold[s] == fold) {
          held.add(sample);
        } else if (!unseen) {
          training.add(sample);
        }
      }
      Map<Integer, Featurizer.Text> seenDescriptions = new HashMap<>();
      final int f = fold;
      descriptions.forEach(
          (intent, text) -> {
            if (unseenFold[intent] != f) {
              seenDescriptions.put(intent, text);
            }
          });
      if (training.isEmpty()) {
        continue;
      }
      Matcher matcher = Matcher.train(featurizer, training, seenDescriptions, settings);
      // Background messages as further out-of-scope questions: at most half as many as the
      // in-scope ones, a different slice in every fold.
      int inScope = 0;
      for (Matcher.Sample question : held) {
        if (question.intent() != Matcher.NONE && unseenFold[question.intent()] != fold) {
          inScope++;
        }
      }
      int take = Math.min(background.size(), Math.max(MIN_BACKGROUND, inScope / 2));
      for (int b = 0; b < take; b++) {
        Featurizer.Text text = background.get((fold * take + b) % background.size());
        held.add(new Matcher.Sample(Matcher.NONE, -1, text));
      }
      for (Matcher.Sample question : held) {
        boolean unseen = question.intent() == Matcher.NONE || unseenFold[question.intent()] == fold;
        int gold = unseen ? Matcher.NONE : question.intent();
        questions++;
        if (unseen) {
          outOfScope++;
        }
        for (Matcher.Candidate candidate : matcher.candidates(question.text())) {
          rows.add(Calibrator.evidence(candidate));
          correct.add(candidate.intent() == gold);
        }
      }
    }
    Calibrator fitted = Calibrator.fit(rows, correct, 1.0);
    LOG.debug("calibrator {}", fitted);
    if (fitted == null) {
      LOG.debug("corpus too small to calibrate ({} rows); using the prior calibrator", rows.size());
    }
    return new Calibration(
        fitted == null ? Calibrator.PRIOR : fitted,
        new CalibrationStats(questions, outOfScope, rows.size(), fitted != null));
  }

  /** Ranks the intents for a normalised question, most confident first. */
  public List<Ranked> rank(String normalized) {
    Featurizer.Text question = featurizer.analyze(normalized);
    List<Matcher.Candidate> candidates = matcher.candidates(question);
    double[] confidence = new double[candidates.size()];
    double sum = 0;
    for (int i = 0; i < candidates.size(); i++) {
      confidence[i] = calibrator.probability(Calibrator.evidence(candidates.get(i)));
      sum += confidence[i];
    }
    // Confidences are probabilities of being the intent; at most one can be, so they sum to <= 1.
    double scale = sum > 1 ? 1 / sum : 1;
    List<Ranked> ranked = new ArrayList<>(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      Matcher.Candidate c = candidates.get(i);
      ranked.add(
          new Ranked(
              c.intent(),
              confidence[i] * scale,
              c.probability(),
              c.bm25(),
              c.similarity(),
              c.nearestExample(),
              c.matchedTerms()));
    }
    ranked.sort(
        (a, b) ->
            a.confidence() != b.confidence()
                ? Double.compare(b.confidence(), a.confidence())
                : Double.compare(b.probability(), a.probability()));
    return List.copyOf(ranked);
  }

  public CalibrationStats calibrationStats() {
    return stats;
  }
}
