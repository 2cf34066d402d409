package io.github.huashu.server;

import io.javalin.http.Context;

/**
 * {@code GET /healthz} (the process answers) and {@code GET /readyz} (a knowledge base is loaded:
 * 200, else a 503 problem). Thread-safe (stateless).
 */
final class HealthHandlers {

  private HealthHandlers() {}

  static void alive(Context ctx) {
    Served served = Responses.served(ctx);
    Responses.json(
        ctx,
        Responses.text(
            json -> {
              json.writeStartObject();
              json.writeStringField("status", "UP");
              Responses.kbVersion(json, served);
              json.writeEndObject();
            }));
  }

  static void ready(Context ctx) {
    Served served = Responses.served(ctx);
    if (served == null) {
      throw new ProblemException(Problem.notReady());
    }
    Responses.json(
        ctx,
        Responses.text(
            json -> {
              json.writeStartObject();
              json.writeStringField("status", "READY");
              json.writeNumberField("intents", served.knowledgeBase().intents().size());
              Responses.kbVersion(json, served);
              json.writeEndObject();
            }));
  }
}
