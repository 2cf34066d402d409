package io.github.huashu;

import io.github.huashu.internal.json.Json;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How well a suggester did on held-out cases.
 *
 * <p>Cases are in scope (an intent is expected), out of scope ({@code _none}) or fragments that
 * need the previous turn ({@code _context}). {@code top1}, {@code top3} and {@code mrr} rank
 * in-scope cases only, whatever the decision. {@code accuracy} is what shoppers experience over all
 * cases: an in-scope case is right when the decision is MATCH with the expected intent first, or
 * CLARIFY with it among the options; an out-of-scope case is right when the decision is FALLBACK; a
 * fragment is right when it is not MATCHed (CLARIFY or FALLBACK). For out-of-scope precision,
 * recall and F1, FALLBACK counts as predicting {@code _none}, over the cases that are not
 * fragments. A figure without cases to measure it is NaN.
 *
 * @param n number of cases
 * @param inScope cases with an expected intent
 * @param top1 share of in-scope cases whose intent ranked first
 * @param top3 share of in-scope cases whose intent ranked in the first three
 * @param mrr mean reciprocal rank of the expected intent over in-scope cases
 * @param accuracy share of all cases handled right
 * @param oosPrecision share of FALLBACK decisions that were out of scope (fragments left aside)
 * @param oosRecall share of out-of-scope cases that got FALLBACK
 * @param oosF1 harmonic mean of the two
 * @param answered share of in-scope cases answered (MATCH), right or wrong
 * @param matchPrecision share of MATCH decisions, over all cases, whose intent was the expected one
 *     (a MATCH on an out-of-scope case or a fragment is wrong)
 * @param clarifyShare share of all cases that got CLARIFY
 * @param clarifyOffered share of CLARIFY decisions on in-scope cases that offered the expected
 *     intent
 * @param riskCoverage precision when only the most confident 50%, 70% and 90% of all cases are
 *     answered with their top intent
 * @param context how the fragments fared
 * @param latencyP50Micros median time of one suggestion, in microseconds
 * @param latencyP99Micros 99th percentile of that time
 * @param decisions how many MATCH, CLARIFY and FALLBACK decisions, in that order
 * @param confusions the most frequent (expected, top-ranked) pairs of different intents
 * @param worst intents with the lowest accuracy
 * @param results every case with what happened to it, in the order of the cases
 *     <p>Immutable.
 */
public record EvalReport(
    int n,
    int inScope,
    double top1,
    double top3,
    double mrr,
    double accuracy,
    double oosPrecision,
    double oosRecall,
    double oosF1,
    double answered,
    double matchPrecision,
    double clarifyShare,
    double clarifyOffered,
    List<Coverage> riskCoverage,
    ContextScore context,
    long latencyP50Micros,
    long latencyP99Micros,
    List<Integer> decisions,
    List<Confusion> confusions,
    List<IntentScore> worst,
    List<CaseResult> results) {

  /** Cases of {@code expected} that ranked {@code predicted} first, {@code count} times. */
  public record Confusion(String expected, String predicted, int count) {}

  /** How an intent's cases fared. */
  public record IntentScore(String intent, int cases, int right, double accuracy) {}

  /**
   * What happened to one case.
   *
   * @param predicted the intent ranked first, whatever the decision, or {@code _none} if nothing
   *     was ranked
   * @param confidence the first intent's confidence (0 if none)
   * @param second the second intent's confidence (0 if none)
   * @param rank the 1-based rank of the expected intent, 0 if not ranked or not in scope
   * @param right whether the case was handled right, as {@code accuracy} counts it
   */
  public record CaseResult(
      EvalCase evalCase,
      Decision decision,
      String predicted,
      double confidence,
      double second,
      int rank,
      boolean right) {

    public CaseResult {
      Objects.requireNonNull(evalCase, "evalCase");
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(predicted, "predicted");
    }

    /** Whether the intent ranked first is the expected one (never for _none and _context). */
    public boolean topRight() {
      return rank == 1;
    }
  }

  /**
   * When only the most confident {@code coverage} share of the cases is answered: the precision of
   * those answers, and the confidence of the least confident case answered.
   */
  public record Coverage(double coverage, double precision, double minConfidence) {}

  /**
   * Fragments that need the previous turn ({@code _context}).
   *
   * @param cases how many
   * @param notMatched how many got CLARIFY or FALLBACK (right)
   * @param confidentlyMatched how many were MATCHed with a confidence of at least {@link
   *     #CONFIDENT}
   */
  public record ContextScore(int cases, int notMatched, int confidentlyMatched) {
    /** The confidence from which a MATCH on a fragment is a confident guess. */
    public static final double CONFIDENT = 0.8;
  }

  /**
   * Thresholds that reach a precision on these cases.
   *
   * @param thresholds the thresholds ({@code suggestion} as before unless above the new answer
   *     threshold)
   * @param precision the precision of MATCH answers they give on these cases
   * @param answered the share of in-scope cases they answer
   * @param matches how many MATCH decisions they give
   */
  public record OperatingPoint(
      Thresholds thresholds, double precision, double answered, int matches) {}

  public EvalReport {
    riskCoverage = List.copyOf(riskCoverage);
    Objects.requireNonNull(context, "context");
    decisions = List.copyOf(decisions);
    confusions = List.copyOf(confusions);
    worst = List.copyOf(worst);
    results = List.copyOf(results);
  }

  /**
   * A 95% interval around a share measured on few cases (Wilson's score interval).
   *
   * @param low the lower bound
   * @param high the upper bound
   */
  public record Interval(double low, double high) {

    /** The interval around {@code count} of {@code of}; [0, 1] when there are no cases. */
    public static Interval of(long count, long of) {
      if (of == 0) {
        return new Interval(0, 1);
      }
      double z = 1.96;
      double p = (double) count / of;
      double denominator = 1 + z * z / of;
      double centre = (p + z * z / (2.0 * of)) / denominator;
      double half = z * Math.sqrt(p * (1 - p) / of + z * z / (4.0 * of * of)) / denominator;
      return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }
  }

  /** Cases below which {@link #uncertain()} is true. */
  public static final int FEW_CASES = 100;

  /** Whether there are so few in-scope cases that a figure may be off by ten points or more. */
  public boolean uncertain() {
    return inScope < FEW_CASES;
  }

  /** The 95% interval of {@code top1}. */
  public Interval top1Interval() {
    return Interval.of(results.stream().filter(CaseResult::topRight).count(), inScope);
  }

  /** The 95% interval of {@code accuracy}. */
  public Interval accuracyInterval() {
    return Interval.of(results.stream().filter(CaseResult::right).count(), n);
  }

  /** The cases handled wrong, in the order of the cases. */
  public List<CaseResult> failures() {
    return results.stream().filter(r -> !r.right()).toList();
  }

  /**
   * The thresholds that answer the most in-scope cases while keeping the precision of MATCH answers
   * on these cases at {@code target} or above, or empty if none does. Answer thresholds from 0.01
   * to 0.99 and margins from 0 to 0.5 are tried, in steps of 0.01; {@code base} gives the
   * suggestion threshold. Choose on cases the knowledge base was not trained on, and not on the
   * cases the result is then measured on.
   *
   * @throws IllegalArgumentException if the target is not in (0, 1]
   */
  public Optional<OperatingPoint> thresholdsFor(double target, Thresholds base) {
    if (!(target > 0 && target <= 1)) {
      throw new IllegalArgumentException("expected a target precision in (0, 1] but was " + target);
    }
    Objects.requireNonNull(base, "base");
    OperatingPoint best = null;
    for (int a = 1; a <= 99; a++) {
      for (int m = 0; m <= 50; m++) {
        double answer = a / 100.0;
        Thresholds t = new Thresholds(answer, Math.min(base.suggestion(), answer), m / 100.0);
        int matches = 0;
        int right = 0;
        int answeredInScope = 0;
        for (CaseResult r : results) {
          if (t.answers(r.confidence(), r.second())) {
            matches++;
            right += r.topRight() ? 1 : 0;
            answeredInScope += r.evalCase().inScope() ? 1 : 0;
          }
        }
        if (matches == 0 || (double) right / matches < target) {
          continue;
        }
        OperatingPoint point =
            new OperatingPoint(
                t,
                (double) right / matches,
                inScope == 0 ? Double.NaN : (double) answeredInScope / inScope,
                matches);
        if (best == null
            || point.answered() > best.answered()
            || (point.answered() == best.answered() && point.precision() > best.precision())) {
          best = point;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The report as JSON: {@code n, top1, top3, mrr, accuracy, oos {precision, recall, f1},
   * latency_us {p50, p99}}, then {@code in_scope}, {@code answered}, {@code match_precision},
   * {@code clarify {share, offered}}, {@code risk_coverage [{coverage, precision,
   * min_confidence}]}, {@code uncertain} (fewer than {@value #FEW_CASES} in-scope cases), {@code
   * intervals {top1, accuracy}} (95% intervals), {@code context {cases, not_matched,
   * confidently_matched}}, {@code decisions}, {@code confusions} and {@code worst}. Figures without
   * cases are {@code null}.
   */
  public String toJson() {
    return Json.write(this, null, Optional.empty(), Cases.NONE);
  }

  /**
   * The report as JSON (see {@link #toJson()}), with a {@code target} object if {@code
   * targetPrecision} is not null (the precision asked for and the thresholds that reach it, or
   * {@code null} if none does), and a {@code cases} list if asked for: {@code line, question,
   * expected, decision, predicted, confidence, second, rank, right} of every case handled wrong, or
   * of every case.
   */
  public String toJson(Double targetPrecision, Thresholds base, Cases cases) {
    return Json.write(
        this,
        targetPrecision,
        targetPrecision == null ? Optional.empty() : thresholdsFor(targetPrecision, base),
        cases);
  }

  /** Which cases {@link #toJson(Double, Thresholds, Cases)} lists. */
  public enum Cases {
    NONE,
    FAILURES,
    ALL
  }
}
