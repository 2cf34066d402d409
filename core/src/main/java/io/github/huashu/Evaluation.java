package io.github.huashu;

import io.github.huashu.internal.match.Engine;
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
    int noneCases = 0;
    int fallbacks = 0;
    int fallbacksOnNone = 0;
    int[] decisions = new int[3];
    long[] micros = new long[cases.size()];
    Map<List<String>, Integer> confusions = new HashMap<>();
    Map<String, int[]> perIntent = new HashMap<>();
    List<EvalReport.Failure> failures = new ArrayList<>();

    for (int i = 0; i < cases.size(); i++) {
      EvalCase c = cases.get(i);
      long start = System.nanoTime();
      Suggester.Outcome outcome = suggester.answer(c.question(), suggester.thresholds());
      micros[i] = (System.nanoTime() - start) / 1_000;
      SuggestResult result = outcome.result();
      List<Engine.Ranked> ranking = outcome.ranking();
      decisions[result.decision().ordinal()]++;

      String predicted = ranking.isEmpty() ? EvalCase.NONE : id(suggester, ranking.get(0));
      double confidence = ranking.isEmpty() ? 0 : ranking.get(0).confidence();
      boolean ok;
      if (c.inScope()) {
        inScope++;
        int rank = 0;
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
        ok = switch (result.decision()) {
          case MATCH -> result.suggestions().get(0).intent().id().equals(c.expected());
          case CLARIFY -> result.suggestions().stream().anyMatch(s -> s.intent().id().equals(c.expected()));
          case FALLBACK -> false;
        };
      } else {
        noneCases++;
        ok = result.decision() == Decision.FALLBACK;
      }
      if (result.decision() == Decision.FALLBACK) {
        fallbacks++;
        if (!c.inScope()) {
          fallbacksOnNone++;
        }
      }
      right += ok ? 1 : 0;
      int[] score = perIntent.computeIfAbsent(c.expected(), k -> new int[2]);
      score[0]++;
      score[1] += ok ? 1 : 0;
      if (!ok) {
        String shown = result.decision() == Decision.FALLBACK || result.suggestions().isEmpty()
            ? EvalCase.NONE : result.suggestions().get(0).intent().id();
        failures.add(new EvalReport.Failure(c, result.decision(), shown, confidence));
      }
    }

    double precision = fallbacks == 0 ? Double.NaN : (double) fallbacksOnNone / fallbacks;
    double recall = noneCases == 0 ? Double.NaN : (double) fallbacksOnNone / noneCases;
    double f1 = Double.isNaN(precision) || Double.isNaN(recall) || precision + recall == 0
        ? (noneCases == 0 ? Double.NaN : 0)
        : 2 * precision * recall / (precision + recall);

    List<EvalReport.Confusion> topConfusions = confusions.entrySet().stream()
        .sorted(Map.Entry.<List<String>, Integer>comparingByValue().reversed()
            .thenComparing(e -> e.getKey().toString()))
        .limit(CONFUSIONS)
        .map(e -> new EvalReport.Confusion(e.getKey().get(0), e.getKey().get(1), e.getValue()))
        .toList();
    List<EvalReport.IntentScore> worst = perIntent.entrySet().stream()
        .map(e -> new EvalReport.IntentScore(e.getKey(), e.getValue()[0], e.getValue()[1],
            (double) e.getValue()[1] / e.getValue()[0]))
        .filter(s -> s.right() < s.cases())
        .sorted(Comparator.comparingDouble(EvalReport.IntentScore::accuracy)
            .thenComparing(EvalReport.IntentScore::intent))
        .limit(WORST)
        .toList();

    Arrays.sort(micros);
    return new EvalReport(
        cases.size(),
        inScope,
        inScope == 0 ? Double.NaN : (double) top1 / inScope,
        inScope == 0 ? Double.NaN : (double) top3 / inScope,
        inScope == 0 ? Double.NaN : reciprocal / inScope,
        (double) right / cases.size(),
        precision,
        recall,
        f1,
        percentile(micros, 0.50),
        percentile(micros, 0.99),
        List.of(decisions[0], decisions[1], decisions[2]),
        topConfusions,
        worst,
        failures);
  }

  private static String id(Suggester suggester, Engine.Ranked ranked) {
    return suggester.knowledgeBase().intentAt(ranked.intent()).id();
  }

  private static long percentile(long[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
