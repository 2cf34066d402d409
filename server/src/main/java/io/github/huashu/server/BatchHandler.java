package io.github.huashu.server;

import io.github.huashu.SuggestResult;
import io.github.huashu.Thresholds;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/suggest:batch}: up to the batch limit of messages, all checked before any is
 * answered (one bad item refuses the batch, so no conversation is half-advanced), then answered in
 * order by one knowledge base: {@code {"results": [...], "kb_version"}}, each result exactly what
 * {@code POST /v1/suggest} answers. Items of one conversation see each other in order. Thread-safe.
 */
final class BatchHandler implements Handler {

  private final Api api;

  BatchHandler(Api api) {
    this.api = api;
  }

  @Override
  public void handle(Context ctx) {
    Served served = api.served(ctx);
    BatchRequest request = api.reader().read(ctx, BatchRequest.class);
    List<SuggestRequest> items = request.items();
    int max = api.limits().maxBatchSize();
    if (items == null) {
      throw new ProblemException(
          Problem.invalidField("/items", "expected an array of items but it was missing"));
    }
    if (items.isEmpty() || items.size() > max) {
      throw new ProblemException(
          Problem.invalidField(
              "/items", "expected 1 to " + max + " items but there were " + items.size()));
    }
    Thresholds defaults = served.suggester().thresholds();
    String owner = KeyCheck.owner(ctx);
    List<Ask> asks = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      SuggestRequest item = items.get(i);
      if (item == null) {
        throw new ProblemException(
            Problem.invalidField("/items/" + i, "expected an object but was null"));
      }
      asks.add(item.check("/items/" + i, api.limits(), defaults));
    }
    List<SuggestResult> results =
        api.admission()
            .run(
                () -> {
                  List<SuggestResult> answers = new ArrayList<>(asks.size());
                  for (Ask ask : asks) {
                    if (Thread.currentThread().isInterrupted()) {
                      // Timed out: the client has its 503 already.
                      return null;
                    }
                    answers.add(ask.answer(served, api.conversations(), api.limits(), owner));
                  }
                  return answers;
                });
    for (int i = 0; i < results.size(); i++) {
      AccessNotes.answered(ctx, asks.get(i).message().text(), results.get(i).decision());
    }
    String json =
        Responses.text(
            out -> {
              out.writeStartObject();
              out.writeArrayFieldStart("results");
              for (SuggestResult result : results) {
                out.writeRawValue(result.toJson());
              }
              out.writeEndArray();
              Responses.kbVersion(out, served);
              out.writeEndObject();
            });
    Responses.json(ctx, json);
  }
}
