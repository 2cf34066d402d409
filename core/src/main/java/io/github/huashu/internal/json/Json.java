package io.github.huashu.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.huashu.Advice;
import io.github.huashu.Bundle;
import io.github.huashu.Conversation;
import io.github.huashu.DraftReport;
import io.github.huashu.Emotion;
import io.github.huashu.EvalReport;
import io.github.huashu.Explanation;
import io.github.huashu.Finding;
import io.github.huashu.Intent;
import io.github.huashu.SuggestResult;
import io.github.huashu.Suggestion;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Writes results as JSON with stable, snake_case keys. Not API. Thread-safe. */
public final class Json {

  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private Json() {}

  /** Writes one JSON value to a generator. */
  @FunctionalInterface
  public interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  /** The JSON text the body writes; a failure of an in-memory write is unchecked. */
  public static String text(Body body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      body.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to a string failed", e);
    }
    return out.toString();
  }

  public static String write(SuggestResult result) {
    return text(
        json -> {
          json.writeStartObject();
          json.writeStringField("decision", result.decision().name());
          json.writeStringField("reason", result.reason());
          json.writeStringField("reply", result.reply());
          json.writeArrayFieldStart("suggestions");
          for (Suggestion s : result.suggestions()) {
            suggestion(json, s);
          }
          json.writeEndArray();
          emotion(json, result.emotion());
          json.writeArrayFieldStart("advice");
          for (Advice advice : result.advice()) {
            json.writeStartObject();
            json.writeStringField("kind", advice.kind().name());
            json.writeStringField("message", advice.message());
            json.writeEndObject();
          }
          json.writeEndArray();
          strings(json, "unfilled", result.unfilled());
          json.writeArrayFieldStart("also");
          for (Suggestion s : result.also()) {
            suggestion(json, s);
          }
          json.writeEndArray();
          json.writeStringField("question", result.question());
          json.writeStringField("normalized", result.normalized());
          strings(json, "emoji", result.emoji());
          json.writeObjectFieldStart("facts");
          for (Map.Entry<String, String> fact : result.facts().entrySet()) {
            json.writeStringField(fact.getKey(), fact.getValue());
          }
          json.writeEndObject();
          json.writeStringField("kb_version", result.knowledgeBaseVersion());
          json.writeEndObject();
        });
  }

  private static void suggestion(JsonGenerator json, Suggestion s) throws IOException {
    Intent intent = s.intent();
    Bundle b = intent.bundle();
    json.writeStartObject();
    json.writeStringField("intent", intent.id());
    json.writeStringField("name", intent.name());
    json.writeNumberField("confidence", round(s.confidence()));
    json.writeStringField("category", intent.category());
    json.writeStringField("scene", intent.scene());
    bundleFields(json, b);
    Explanation why = s.why();
    json.writeObjectFieldStart("why");
    strings(json, "matched_terms", why.matchedTerms());
    json.writeStringField("nearest_example", why.nearestExample());
    json.writeNumberField("similarity", round(why.similarity()));
    json.writeNumberField("classifier_probability", round(why.classifierProbability()));
    json.writeNumberField("retrieval_score", round(why.retrievalScore()));
    json.writeEndObject();
    json.writeEndObject();
  }

  /** A bundle as a JSON object, with the fields a suggestion carries inline. */
  public static String write(Bundle bundle) {
    return text(
        json -> {
          json.writeStartObject();
          bundleFields(json, bundle);
          json.writeEndObject();
        });
  }

  private static void bundleFields(JsonGenerator json, Bundle b) throws IOException {
    json.writeStringField("diagnosis", b.diagnosis());
    strings(json, "solution", b.solution());
    json.writeStringField("risk_tip", b.riskTip());
    json.writeStringField("department", b.department());
    strings(json, "collaborators", b.collaborators());
    strings(json, "tags", b.tags());
    json.writeStringField("reply", b.reply().text());
    json.writeStringField("follow_up", b.followUp());
    strings(json, "options", b.options());
    strings(json, "must_mention", b.mustMention());
    strings(json, "related", b.related());
    json.writeBooleanField("verify_identity", b.verifyIdentity());
    json.writeBooleanField("ticket", b.ticket());
    json.writeBooleanField("escalate", b.escalate());
    strings(json, "checks", b.checks());
  }

  private static void emotion(JsonGenerator json, Emotion emotion) throws IOException {
    json.writeObjectFieldStart("emotion");
    json.writeStringField("label", emotion.label().name());
    json.writeNumberField("intensity", emotion.intensity());
    json.writeArrayFieldStart("signals");
    for (Emotion.Signal signal : emotion.signals()) {
      json.writeStartObject();
      json.writeStringField("kind", signal.kind().id());
      json.writeStringField("text", signal.text());
      json.writeStringField("label", signal.label().name());
      json.writeNumberField("weight", round(signal.weight()));
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /**
   * Findings of a draft: {@code {"findings": [{"rule", "start", "end", "message", "suggestion"}]}}.
   */
  public static String write(DraftReport report) {
    return text(
        json -> {
          json.writeStartObject();
          json.writeArrayFieldStart("findings");
          for (Finding f : report.findings()) {
            json.writeStartObject();
            json.writeStringField("rule", f.rule().id());
            json.writeNumberField("start", f.start());
            json.writeNumberField("end", f.end());
            json.writeStringField("message", f.message());
            json.writeStringField("suggestion", f.suggestion());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  /**
   * An evaluation report: the figures, the target precision's thresholds when one is asked for
   * ({@code reached} null if none reaches it) and the cases asked for; figures without cases are
   * {@code null}. See {@link EvalReport#toJson()} for the fields.
   */
  public static String write(
      EvalReport r,
      Double targetPrecision,
      Optional<EvalReport.OperatingPoint> reached,
      EvalReport.Cases cases) {
    return text(
        json -> {
          json.writeStartObject();
          json.writeNumberField("n", r.n());
          number(json, "top1", r.top1());
          number(json, "top3", r.top3());
          number(json, "mrr", r.mrr());
          number(json, "accuracy", r.accuracy());
          json.writeObjectFieldStart("oos");
          number(json, "precision", r.oosPrecision());
          number(json, "recall", r.oosRecall());
          number(json, "f1", r.oosF1());
          json.writeEndObject();
          json.writeObjectFieldStart("latency_us");
          json.writeNumberField("p50", r.latencyP50Micros());
          json.writeNumberField("p99", r.latencyP99Micros());
          json.writeEndObject();
          json.writeNumberField("in_scope", r.inScope());
          number(json, "answered", r.answered());
          number(json, "match_precision", r.matchPrecision());
          json.writeObjectFieldStart("clarify");
          number(json, "share", r.clarifyShare());
          number(json, "offered", r.clarifyOffered());
          json.writeEndObject();
          json.writeArrayFieldStart("risk_coverage");
          for (EvalReport.Coverage c : r.riskCoverage()) {
            json.writeStartObject();
            number(json, "coverage", c.coverage());
            number(json, "precision", c.precision());
            number(json, "min_confidence", c.minConfidence());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeBooleanField("uncertain", r.uncertain());
          json.writeObjectFieldStart("intervals");
          interval(json, "top1", r.top1Interval());
          interval(json, "accuracy", r.accuracyInterval());
          json.writeEndObject();
          json.writeObjectFieldStart("context");
          json.writeNumberField("cases", r.context().cases());
          json.writeNumberField("not_matched", r.context().notMatched());
          json.writeNumberField("confidently_matched", r.context().confidentlyMatched());
          json.writeEndObject();
          if (targetPrecision != null) {
            json.writeObjectFieldStart("target");
            number(json, "precision", targetPrecision);
            if (reached.isEmpty()) {
              json.writeNullField("reached");
            } else {
              EvalReport.OperatingPoint p = reached.get();
              json.writeObjectFieldStart("reached");
              json.writeObjectFieldStart("thresholds");
              number(json, "answer", p.thresholds().answer());
              number(json, "suggestion", p.thresholds().suggestion());
              number(json, "margin", p.thresholds().margin());
              json.writeEndObject();
              number(json, "precision", p.precision());
              number(json, "answered", p.answered());
              json.writeNumberField("matches", p.matches());
              json.writeEndObject();
            }
            json.writeEndObject();
          }
          json.writeObjectFieldStart("decisions");
          json.writeNumberField("MATCH", r.decisions().get(0));
          json.writeNumberField("CLARIFY", r.decisions().get(1));
          json.writeNumberField("FALLBACK", r.decisions().get(2));
          json.writeEndObject();
          json.writeArrayFieldStart("confusions");
          for (EvalReport.Confusion c : r.confusions()) {
            json.writeStartObject();
            json.writeStringField("expected", c.expected());
            json.writeStringField("predicted", c.predicted());
            json.writeNumberField("count", c.count());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeArrayFieldStart("worst");
          for (EvalReport.IntentScore s : r.worst()) {
            json.writeStartObject();
            json.writeStringField("intent", s.intent());
            json.writeNumberField("cases", s.cases());
            json.writeNumberField("right", s.right());
            number(json, "accuracy", s.accuracy());
            json.writeEndObject();
          }
          json.writeEndArray();
          if (cases != EvalReport.Cases.NONE) {
            json.writeArrayFieldStart("cases");
            for (EvalReport.CaseResult c :
                cases == EvalReport.Cases.ALL ? r.results() : r.failures()) {
              json.writeStartObject();
              json.writeNumberField("line", c.evalCase().line());
              json.writeStringField("question", c.evalCase().question());
              json.writeStringField("expected", c.evalCase().expected());
              json.writeStringField("decision", c.decision().name());
              json.writeStringField("predicted", c.predicted());
              number(json, "confidence", c.confidence());
              number(json, "second", c.second());
              json.writeNumberField("rank", c.rank());
              json.writeBooleanField("right", c.right());
              json.writeEndObject();
            }
            json.writeEndArray();
          }
          json.writeEndObject();
        });
  }

  private static void interval(JsonGenerator json, String field, EvalReport.Interval interval)
      throws IOException {
    json.writeArrayFieldStart(field);
    json.writeNumber(round(interval.low()));
    json.writeNumber(round(interval.high()));
    json.writeEndArray();
  }

  private static void number(JsonGenerator json, String field, double value) throws IOException {
    if (Double.isNaN(value)) {
      json.writeNullField(field);
    } else {
      json.writeNumberField(field, round(value));
    }
  }

  /**
   * A conversation: {@code {"id", "turns": [{"message", "intent", "decision", "emotion",
   * "intensity", "at"}]}}.
   */
  public static String write(String id, List<Conversation.Turn> turns) {
    return text(
        json -> {
          json.writeStartObject();
          json.writeStringField("id", id);
          json.writeArrayFieldStart("turns");
          for (Conversation.Turn turn : turns) {
            json.writeStartObject();
            json.writeStringField("message", turn.message());
            json.writeStringField("intent", turn.intent());
            json.writeStringField("decision", turn.decision().name());
            json.writeStringField("emotion", turn.emotion().name());
            json.writeNumberField("intensity", turn.intensity());
            json.writeStringField("at", turn.at().toString());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  private static void strings(JsonGenerator json, String field, List<String> values)
      throws IOException {
    json.writeArrayFieldStart(field);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  /** Four decimals are plenty for a confidence and keep the JSON readable. */
  public static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
