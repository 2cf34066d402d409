package io.github.huashu.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.huashu.Intent;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;

/**
 * {@code GET /v1/intents} (every intent with its bundle, for a vendor's UI) and {@code GET
 * /v1/intents/{id}} (one, with its terms and examples; 404 for an unknown id). The bundle's fields
 * are named as in a suggestion of {@code POST /v1/suggest}. Thread-safe (stateless).
 */
final class IntentsHandler {

  private final Api api;

  IntentsHandler(Api api) {
    this.api = api;
  }

  void list(Context ctx) {
    Served served = api.served(ctx);
    List<Intent> intents = served.knowledgeBase().intents();
    String body =
        api.admission()
            .run(
                () ->
                    Responses.text(
                        json -> {
                          json.writeStartObject();
                          json.writeArrayFieldStart("intents");
                          for (Intent intent : intents) {
                            json.writeStartObject();
                            fields(json, intent);
                            json.writeNumberField("examples", intent.examples().size());
                            json.writeEndObject();
                          }
                          json.writeEndArray();
                          Responses.kbVersion(json, served);
                          json.writeEndObject();
                        }));
    Responses.json(ctx, body);
  }

  void one(Context ctx) {
    Served served = api.served(ctx);
    String id = ctx.pathParam("id");
    Intent intent =
        served
            .knowledgeBase()
            .intent(id)
            .orElseThrow(
                () -> new ProblemException(Problem.notFound("unknown intent '" + id + "'")));
    String body =
        api.admission()
            .run(
                () ->
                    Responses.text(
                        json -> {
                          json.writeStartObject();
                          fields(json, intent);
                          strings(json, "terms", intent.terms());
                          strings(json, "examples", intent.examples());
                          Responses.kbVersion(json, served);
                          json.writeEndObject();
                        }));
    Responses.json(ctx, body);
  }

  private static void fields(JsonGenerator json, Intent intent) throws IOException {
    json.writeStringField("id", intent.id());
    json.writeStringField("name", intent.name());
    json.writeStringField("category", intent.category());
    json.writeStringField("scene", intent.scene());
    json.writeFieldName("bundle");
    json.writeRawValue(intent.bundle().toJson());
  }

  private static void strings(JsonGenerator json, String field, List<String> values)
      throws IOException {
    json.writeArrayFieldStart(field);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }
}
