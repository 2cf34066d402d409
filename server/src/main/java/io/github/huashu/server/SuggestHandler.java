package io.github.huashu.server;

import io.github.huashu.SuggestResult;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code POST /v1/suggest}: one message, answered with exactly the JSON {@code ask --json} prints
 * ({@link io.github.huashu.SuggestResult#toJson()}, which carries {@code kb_version}). Thread-safe.
 */
final class SuggestHandler implements Handler {

  private final Api api;

  SuggestHandler(Api api) {
    this.api = api;
  }

  @Override
  public void handle(Context ctx) {
    Served served = api.served(ctx);
    SuggestRequest request = api.reader().read(ctx, SuggestRequest.class);
    Ask ask = request.check("", api.limits(), served.suggester().thresholds());
    String owner = KeyCheck.owner(ctx);
    SuggestResult result =
        api.admission().run(() -> ask.answer(served, api.conversations(), api.limits(), owner));
    AccessNotes.answered(ctx, ask.message().text(), result.decision());
    Responses.json(ctx, result.toJson());
  }
}
