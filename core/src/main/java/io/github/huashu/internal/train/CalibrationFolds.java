package io.github.huashu.internal.train;

import io.github.huashu.internal.features.FeatureDictionary;
import io.github.huashu.internal.features.Featurizer;
import io.github.huashu.internal.fuse.Calibrator;
import io.github.huashu.internal.fuse.Evidence;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calibrates confidences by cross-validation: in each fold some examples and some whole intents are
 * held out (whole intents simulate questions no intent covers, with background messages and the
 * corpus's negatives when it has too few), a matcher is trained on the rest, and the held-out
 * questions' evidence rows, labelled right or wrong, fit the {@link Calibrator}. Stateless.
 */
final class CalibrationFolds {

  private static final Logger LOG = LoggerFactory.getLogger(CalibrationFolds.class);

  private CalibrationFolds() {}

  /** What calibration saw, for the load log. */
  record Stats(int questions, int outOfScope, int rows, boolean fitted) {}

  /** The fitted calibrator (or the prior) and what it was fitted on. */
  record Calibration(Calibrator calibrator, Stats stats) {}

  /** Even a tiny corpus sees this many out-of-scope questions per fold. */
  private static final int MIN_OUT_OF_SCOPE = 20;

  /**
   * Held-out questions per fold, at most; beyond a few hundred the calibrator's dozen weights learn
   * nothing new, and every question costs a search.
   */
  private static final int MAX_IN_SCOPE = 400;

  /** The evidence rows of one fold. */
  private record FoldRows(
      List<double[]> rows, List<Boolean> correct, int questions, int outOfScope) {}

  static Calibration calibrate(
      ExecutorService pool,
      FeatureDictionary dictionary,
      int intentCount,
      List<Evidence.Sample> samples,
      Map<Integer, Evidence.Sample> descriptions,
      List<Featurizer.Text> background,
      MatchSettings settings,
      boolean large)
      throws InterruptedException, ExecutionException {
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
    Map<Integer, List<Integer>> byIntent = new TreeMap<>();
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

    List<Future<FoldRows>> work = new ArrayList<>();
    for (int fold = 0; fold < folds; fold++) {
      int f = fold;
      work.add(
          pool.submit(
              () ->
                  fold(
                      f,
                      dictionary,
                      samples,
                      descriptions,
                      background,
                      unseenFold,
                      sampleFold,
                      settings,
                      large)));
    }
    List<double[]> rows = new ArrayList<>();
    List<Boolean> correct = new ArrayList<>();
    int questions = 0;
    int outOfScope = 0;
    for (Future<FoldRows> future : work) {
      FoldRows result = future.get();
      rows.addAll(result.rows());
      correct.addAll(result.correct());
      questions += result.questions();
      outOfScope += result.outOfScope();
    }
    Calibrator fitted = Calibrator.fit(rows, correct, 1.0);
    LOG.debug("calibrator {}", fitted);
    if (fitted == null) {
      LOG.debug("corpus too small to calibrate ({} rows); using the prior calibrator", rows.size());
    }
    return new Calibration(
        fitted == null ? Calibrator.PRIOR : fitted,
        new Stats(questions, outOfScope, rows.size(), fitted != null));
  }

  private static FoldRows fold(
      int fold,
      FeatureDictionary dictionary,
      List<Evidence.Sample> samples,
      Map<Integer, Evidence.Sample> descriptions,
      List<Featurizer.Text> background,
      int[] unseenFold,
      int[] sampleFold,
      MatchSettings settings,
      boolean large) {
    List<Evidence.Sample> training = new ArrayList<>();
    List<Evidence.Sample> inScope = new ArrayList<>();
    List<Evidence.Sample> outOfScope = new ArrayList<>();
    List<Evidence.Sample> negatives = new ArrayList<>();
    for (int s = 0; s < samples.size(); s++) {
      Evidence.Sample sample = samples.get(s);
      boolean negative = sample.intent() == Evidence.NONE;
      boolean unseen = negative || unseenFold[sample.intent()] == fold;
      if (sampleFold[s] == fold) {
        (negative ? negatives : unseen ? outOfScope : inScope).add(sample);
      } else if (negative || !unseen) {
        training.add(sample);
      }
    }
    if (training.isEmpty()) {
      return new FoldRows(List.of(), List.of(), 0, 0);
    }
    Map<Integer, Evidence.Sample> seenDescriptions = new HashMap<>();
    descriptions.forEach(
        (intent, description) -> {
          if (unseenFold[intent] != fold) {
            seenDescriptions.put(intent, description);
          }
        });
    Evidence matcher = Evidence.train(dictionary, training, seenDescriptions, settings, large);
    List<Evidence.Sample> questions = spread(inScope, MAX_IN_SCOPE);
    // Out-of-scope questions, a quarter of all: examples of the intents this fold never saw and
    // background messages (a different slice in every fold), half each where there are enough.
    int budget = Math.max(MIN_OUT_OF_SCOPE, questions.size() / 3);
    int fromBackground =
        Math.min(background.size(), Math.max(budget / 2, budget - outOfScope.size()));
    List<Evidence.Sample> unseen = new ArrayList<>(spread(outOfScope, budget - fromBackground));
    for (int b = 0; b < fromBackground; b++) {
      Featurizer.Text text = background.get((fold * fromBackground + b) % background.size());
      unseen.add(new Evidence.Sample(Evidence.NONE, -1, text, null));
    }
    // The corpus's own messages not to answer (out of scope, fragments that need the previous
    // turn) are the negatives most like its real traffic: up to half as many again as the
    // out-of-scope budget. All of them (~230 per fold on the sample) made the calibrator so
    // cautious that clean questions fell back; as few as the other negatives, too confident on
    // real fragments (cross-validation on the labelled shopper messages).
    unseen.addAll(spread(negatives, budget / 2));
    // A small corpus has few in-scope questions per fold against the floor of out-of-scope ones:
    // they count as many times as makes them as many as the out-of-scope ones, or the calibrator
    // learns that nearly every question is out of scope. (Three to one, the mix of a larger
    // corpus, made the small test corpora answer a third of their out-of-scope questions.)
    int repeat = Math.max(1, (int) Math.round((double) budget / Math.max(1, questions.size())));
    List<double[]> rows = new ArrayList<>();
    List<Boolean> correct = new ArrayList<>();
    for (Evidence.Sample question : questions) {
      for (Evidence.Candidate candidate : matcher.candidates(question)) {
        double[] evidence = Calibrator.evidence(candidate);
        for (int r = 0; r < repeat; r++) {
          rows.add(evidence);
          correct.add(candidate.intent() == question.intent());
        }
      }
    }
    for (Evidence.Sample question : unseen) {
      for (Evidence.Candidate candidate : matcher.candidates(question)) {
        rows.add(Calibrator.evidence(candidate));
        correct.add(false);
      }
    }
    return new FoldRows(rows, correct, questions.size() + unseen.size(), unseen.size());
  }

  /** At most {@code max} items, spread evenly over the list (which is already in random order). */
  private static <T> List<T> spread(List<T> items, int max) {
    if (items.size() <= max) {
      return items;
    }
    List<T> out = new ArrayList<>(max);
    for (int i = 0; i < max; i++) {
      out.add(items.get((int) ((long) i * items.size() / max)));
    }
    return out;
  }
}
