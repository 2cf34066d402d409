package io.github.huashu.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes response bodies: JSON objects that carry {@code kb_version}, and problems. Thread-safe
 * (stateless).
 */
final class Responses {

  /** The header every response of a loaded server carries: the knowledge base's version. */
  static final String KB_VERSION_HEADER = "Huashu-KB-Version";

  static final String JSON = "application/json; charset=utf-8";
  static final String PROBLEM_JSON = "application/problem+json; charset=utf-8";

  /** The request attribute holding the {@link Served} read for this request. */
  static final String SERVED = "huashu.served";

  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private Responses() {}

  /** Writes one JSON value to a generator. */
  @FunctionalInterface
  interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  /** The JSON text a body writes. */
  static String text(Body body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      body.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to a string failed", e);
    }
    return out.toString();
  }

  /** Answers 200 with a JSON object. */
  static void json(Context ctx, String json) {
    ctx.status(200).contentType(JSON).result(json);
  }

  /** The knowledge base this request reads, or null when none is loaded. */
  static Served served(Context ctx) {
    return ctx.attribute(SERVED);
  }

  /** Answers with a problem. */
  static void problem(Context ctx, Problem problem) {
    Served served = served(ctx);
    String body =
        text(
            json -> {
              json.writeStartObject();
              json.writeStringField("type", problem.type());
              json.writeStringField("title", problem.title());
              json.writeNumberField("status", problem.status());
              json.writeStringField("detail", problem.detail());
              json.writeStringField("instance", ctx.path());
              if (!problem.errors().isEmpty()) {
                json.writeArrayFieldStart("errors");
                for (Problem.FieldError error : problem.errors()) {
                  json.writeStartObject();
                  json.writeStringField("pointer", error.pointer());
                  json.writeStringField("detail", error.detail());
                  json.writeEndObject();
                }
                json.writeEndArray();
              }
              kbVersion(json, served);
              json.writeEndObject();
            });
    problem.headers().forEach(ctx::header);
    ctx.status(problem.status()).contentType(PROBLEM_JSON).result(body);
  }

  /** Writes {@code "kb_version"}: the version, or null when no knowledge base is loaded. */
  static void kbVersion(JsonGenerator json, Served served) throws IOException {
    if (served == null) {
      json.writeNullField("kb_version");
    } else {
      json.writeStringField("kb_version", served.version());
    }
  }
}
