package io.github.huashu;

import io.github.huashu.internal.fuse.Engine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures a suggester on held-out cases (never on its training examples). Stateless.
 *
 * @see EvalReport for what each figure means
 */
public final class Evaluation {

  private static final int CONFUSIONS = 10;
  private static final int WORST = 10;

  /** The shares of cases answered in the risk-coverage table. */
  private static final double[] COVERAGES = {0.5, 0.7, 0.9};

  private Evaluation() {}

  /** Runs every case through the suggester, single-threaded, and reports. */
  public static EvalReport run(Suggester suggester, List<EvalCase> cases) {
    if (cases.isEmpty()) {
      throw new IllegalArgumentException("expected at least one case");
    }
    int inScope = 0;
    int top1 = 0;
    int top3 = 0;
    double reciprocal = 0;
    int right = 0;
    int outOfScope = 0;
    int fallbacks = 0;
    int fallbacksOnNone = 0;
    int matches = 0;
    int rightMatches = 0;
    int answered = 0;
    int clarifiesInScope = 0;
    int clarifiesOffering = 0;
    int contexts = 0;
    int contextsNotMatched = 0;
    int contextsConfident = 0;
    int[] decisions = new int[3];
    long[] micros = new long[cases.size()];
    Map<List<String>, Integer> confusions = new HashMap<>();
    Map<String, int[]> perIntent = new HashMap<>();
    List<EvalReport.CaseResult> results = new ArrayList<>(cases.size());

    for (int i = 0; i < cases.size(); i++) {
      EvalCase c = cases.get(i);
      long start = System.nanoTime();
      Suggester.Outcome outcome = suggester.answer(c.question(), suggester.thresholds());
      micros[i] = (System.nanoTime() - start) / 1_000;
      SuggestResult result = outcome.result();
      List<Engine.Ranked> ranking = outcome.ranking();
      Decision decision = result.decision();
      decisions[decision.ordinal()]++;

      String predicted = ranking.isEmpty() ? EvalCase.NONE : id(suggester, ranking.get(0));
      double confidence = ranking.isEmpty() ? 0 : ranking.get(0).confidence();
      double second = ranking.size() < 2 ? 0 : ranking.get(1).confidence();
      int rank = 0;
      boolean ok;
      if (c.inScope()) {
        inScope++;
        for (int r = 0; r < ranking.size(); r++) {
          if (id(suggester, ranking.get(r)).equals(c.expected())) {
            rank = r + 1;
            break;
          }
        }
        top1 += rank == 1 ? 1 : 0;
        top3 += rank >= 1 && rank <= 3 ? 1 : 0;
        reciprocal += rank == 0 ? 0 : 1.0 / rank;
        if (!predicted.equals(c.expected())) {
          confusions.merge(List.of(c.expected(), predicted), 1, Integer::sum);
        }
        boolean offered =
            result.suggestions().stream().anyMatch(s -> s.intent().id().equals(c.expected()));
        ok =
            switch (decision) {
              case MATCH -> result.suggestions().get(0).intent().id().equals(c.expected());
              case CLARIFY -> offered;
              case FALLBACK -> false;
            };
        answered += decision == Decision.MATCH ? 1 : 0;
        if (decision == Decision.CLARIFY) {
          clarifiesInScope++;
          clarifiesOffering += offered ? 1 : 0;
        }
      } else if (c.needsContext()) {
        contexts++;
        ok = decision != Decision.MATCH;
        contextsNotMatched += ok ? 1 : 0;
        contextsConfident += !ok && confidence >= EvalReport.ContextScore.CONFIDENT ? 1 : 0;
      } else {
        outOfScope++;
        ok = decision == Decision.FALLBACK;
      }
      if (decision == Decision.MATCH) {
        matches++;
        rightMatches += ok ? 1 : 0;
      }
      if (decision == Decision.FALLBACK && !c.needsContext()) {
        fallbacks++;
        fallbacksOnNone += c.outOfScope() ? 1 : 0;
      }
      right += ok ? 1 : 0;
      int[] score = perIntent.computeIfAbsent(c.expected(), k -> new int[2]);
      score[0]++;
      score[1] += ok ? 1 : 0;
      results.add(new EvalReport.CaseResult(c, decision, predicted, confidence, second, rank, ok));
    }

    double precision = fallbacks == 0 ? Double.NaN : (double) fallbacksOnNone / fallbacks;
    double recall = outOfScope == 0 ? Double.NaN : (double) fallbacksOnNone / outOfScope;
    double f1 =
        Double.isNaN(precision) || Double.isNaN(recall) || precision + recall == 0
            ? (outOfScope == 0 ? Double.NaN : 0)
            : 2 * precision * recall / (precision + recall);

    List<EvalReport.Confusion> topConfusions =
        confusions.entrySet().stream()
            .sorted(
                Map.Entry.<List<String>, Integer>comparingByValue()
                    .reversed()
                    .thenComparing(e -> e.getKey().toString()))
            .limit(CONFUSIONS)
            .map(e -> new EvalReport.Confusion(e.getKey().get(0), e.getKey().get(1), e.getValue()))
            .toList();
    List<EvalReport.IntentScore> worst =
        perIntent.entrySet().stream()
            .map(
                e ->
                    new EvalReport.IntentScore(
                        e.getKey(),
                        e.getValue()[0],
                        e.getValue()[1],
                        (double) e.getValue()[1] / e.getValue()[0]))
            .filter(s -> s.right() < s.cases())
            .sorted(
                Comparator.comparingDouble(EvalReport.IntentScore::accuracy)
                    .thenComparing(EvalReport.IntentScore::intent))
            .limit(WORST)
            .toList();

    Arrays.sort(micros);
    return new EvalReport(
        cases.size(),
        inScope,
        ratio(top1, inScope),
        ratio(top3, inScope),
        inScope == 0 ? Double.NaN : reciprocal / inScope,
        (double) right / cases.size(),
        precision,
        recall,
        f1,
        ratio(answered, inScope),
        ratio(rightMatches, matches),
        ratio(decisions[Decision.CLARIFY.ordinal()], cases.size()),
        ratio(clarifiesOffering, clarifiesInScope),
        riskCoverage(results),
        new EvalReport.ContextScore(contexts, contextsNotMatched, contextsConfident),
        percentile(micros, 0.50),
        percentile(micros, 0.99),
        List.of(decisions[0], decisions[1], decisions[2]),
        topConfusions,
        worst,
        results);
  }

  /**
   * Precision when only the most confident share of the cases is answered with its top intent, for
   * each of {@link #COVERAGES}.
   */
  private static List<EvalReport.Coverage> riskCoverage(List<EvalReport.CaseResult> results) {
    List<EvalReport.CaseResult> byConfidence = new ArrayList<>(results);
    byConfidence.sort(Comparator.comparingDouble(EvalReport.CaseResult::confidence).reversed());
    List<EvalReport.Coverage> out = new ArrayList<>();
    for (double coverage : COVERAGES) {
      int k = Math.max(1, (int) Math.ceil(coverage * byConfidence.size()));
      int right = 0;
      for (int i = 0; i < k; i++) {
        right += byConfidence.get(i).topRight() ? 1 : 0;
      }
      out.add(
          new EvalReport.Coverage(
              coverage, (double) right / k, byConfidence.get(k - 1).confidence()));
    }
    return out;
  }

  private static double ratio(int count, int of) {
    return of == 0 ? Double.NaN : (double) count / of;
  }

  private static String id(Suggester suggester, Engine.Ranked ranked) {
    return suggester.knowledgeBase().intentAt(ranked.intent()).id();
  }

  private static long percentile(long[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
