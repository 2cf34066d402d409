package io.github.huashu;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.huashu.internal.Json;
import java.io.IOException;
import java.util.List;

/**
 * How well a suggester did on held-out cases.
 *
 * <p>{@code top1}, {@code top3} and {@code mrr} rank in-scope cases only, whatever the decision.
 * {@code accuracy} is what shoppers experience over all cases: an in-scope case is right when the
 * decision is MATCH with the expected intent first, or CLARIFY with it among the options; an
 * out-of-scope case is right when the decision is FALLBACK. For out-of-scope precision, recall and
 * F1, FALLBACK counts as predicting {@code _none}. A figure without cases to measure it is NaN.
 *
 * @param n number of cases
 * @param inScope cases with an expected intent
 * @param top1 share of in-scope cases whose intent ranked first
 * @param top3 share of in-scope cases whose intent ranked in the first three
 * @param mrr mean reciprocal rank of the expected intent over in-scope cases
 * @param accuracy share of all cases handled right
 * @param oosPrecision share of FALLBACK decisions that were out of scope
 * @param oosRecall share of out-of-scope cases that got FALLBACK
 * @param oosF1 harmonic mean of the two
 * @param latencyP50Micros median time of one suggestion, in microseconds
 * @param latencyP99Micros 99th percentile of that time
 * @param decisions how many MATCH, CLARIFY and FALLBACK decisions, in that order
 * @param confusions the most frequent (expected, top-ranked) pairs of different intents
 * @param worst intents with the lowest accuracy
 * @param failures every case handled wrong
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
    long latencyP50Micros,
    long latencyP99Micros,
    List<Integer> decisions,
    List<Confusion> confusions,
    List<IntentScore> worst,
    List<Failure> failures) {

  /** Cases of {@code expected} that ranked {@code predicted} first, {@code count} times. */
  public record Confusion(String expected, String predicted, int count) {}

  /** How an intent's cases fared. */
  public record IntentScore(String intent, int cases, int right, double accuracy) {}

  /** A case handled wrong, with what happened instead. */
  public record Failure(EvalCase evalCase, Decision decision, String predicted, double confidence) {}

  public EvalReport {
    decisions = List.copyOf(decisions);
    confusions = List.copyOf(confusions);
    worst = List.copyOf(worst);
    failures = List.copyOf(failures);
  }

  /**
   * The report as JSON: {@code n, top1, top3, mrr, accuracy, oos {precision, recall, f1},
   * latency_us {p50, p99}}, then {@code in_scope}, {@code decisions}, {@code confusions} and {@code
   * worst}. Figures without cases are {@code null}.
   */
  public String toJson() {
    return Json.text(
        json -> {
          json.writeStartObject();
          json.writeNumberField("n", n);
          number(json, "top1", top1);
          number(json, "top3", top3);
          number(json, "mrr", mrr);
          number(json, "accuracy", accuracy);
          json.writeObjectFieldStart("oos");
          number(json, "precision", oosPrecision);
          number(json, "recall", oosRecall);
          number(json, "f1", oosF1);
          json.writeEndObject();
          json.writeObjectFieldStart("latency_us");
          json.writeNumberField("p50", latencyP50Micros);
          json.writeNumberField("p99", latencyP99Micros);
          json.writeEndObject();
          json.writeNumberField("in_scope", inScope);
          json.writeObjectFieldStart("decisions");
          json.writeNumberField("MATCH", decisions.get(0));
          json.writeNumberField("CLARIFY", decisions.get(1));
          json.writeNumberField("FALLBACK", decisions.get(2));
          json.writeEndObject();
          json.writeArrayFieldStart("confusions");
          for (Confusion c : confusions) {
            json.writeStartObject();
            json.writeStringField("expected", c.expected());
            json.writeStringField("predicted", c.predicted());
            json.writeNumberField("count", c.count());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeArrayFieldStart("worst");
          for (IntentScore s : worst) {
            json.writeStartObject();
            json.writeStringField("intent", s.intent());
            json.writeNumberField("cases", s.cases());
            json.writeNumberField("right", s.right());
            number(json, "accuracy", s.accuracy());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  private static void number(JsonGenerator json, String field, double value) throws IOException {
    if (Double.isNaN(value)) {
      json.writeNullField(field);
    } else {
      json.writeNumberField(field, Math.round(value * 10_000) / 10_000.0);
    }
  }
}
