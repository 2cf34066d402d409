package io.github.huashu.server;

import io.github.huashu.DraftContext;
import io.github.huashu.KnowledgeBase;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code POST /v1/lint-reply}: the draft checker ({@link KnowledgeBase#lintReply}), answered with
 * what {@code lint-reply --json} prints ({@link io.github.huashu.DraftReport#toJson()}) and {@code
 * kb_version}. An intent the knowledge base does not have is a 422 at {@code /intent}. Thread-safe.
 */
final class LintReplyHandler implements Handler {

  /** Intent ids are at most 64 characters; a longer one is refused before it is looked up. */
  private static final int MAX_INTENT_LENGTH = 128;

  private final Api api;

  LintReplyHandler(Api api) {
    this.api = api;
  }

  @Override
  public void handle(Context ctx) {
    Served served = api.served(ctx);
    LintReplyRequest request = api.reader().read(ctx, LintReplyRequest.class);
    Limits limits = api.limits();
    String draft = request.draft();
    if (draft == null) {
      throw invalid("/draft", "expected a draft but it was missing");
    }
    if (draft.isBlank()) {
      throw invalid("/draft", "expected a draft but it was blank");
    }
    int length = draft.codePointCount(0, draft.length());
    if (length > limits.maxDraftLength()) {
      throw invalid(
          "/draft",
          "expected a draft of at most "
              + limits.maxDraftLength()
              + " characters but it had "
              + length);
    }
    String intent = request.intent() == null ? "" : request.intent();
    if (intent.length() > MAX_INTENT_LENGTH) {
      // Not repeated: a quarter of a megabyte of it would come back in the problem.
      throw invalid(
          "/intent",
          "expected an intent id of at most "
              + MAX_INTENT_LENGTH
              + " characters but it had "
              + intent.length());
    }
    KnowledgeBase kb = served.knowledgeBase();
    String message = request.shopperMessage() == null ? "" : request.shopperMessage();
    int messageLength = message.codePointCount(0, message.length());
    if (messageLength > limits.maxQuestionLength()) {
      throw invalid(
          "/shopper_message",
          "expected a shopper message of at most "
              + limits.maxQuestionLength()
              + " characters but it had "
              + messageLength);
    }
    DraftContext context = new DraftContext(intent, message);
    AccessNotes.read(ctx, draft);
    String json =
        api.admission()
            .run(
                () -> {
                  // Under the admission's cap and timeout: an unknown id is compared with every
                  // intent's for the "did you mean" of the knowledge base's own message.
                  if (!intent.isEmpty() && kb.intent(intent).isEmpty()) {
                    try {
                      kb.lintReply(draft, DraftContext.forIntent(intent));
                    } catch (IllegalArgumentException e) {
                      throw invalid("/intent", e.getMessage());
                    }
                  }
                  return withKbVersion(kb.lintReply(draft, context).toJson(), served);
                });
    Responses.json(ctx, json);
  }

  /** A JSON object written by core, with {@code kb_version} added as its last field. */
  static String withKbVersion(String object, Served served) {
    if (!object.startsWith("{") || !object.endsWith("}")) {
      throw new IllegalStateException("expected a JSON object but was '" + object + "'");
    }
    String field = Responses.text(json -> json.writeString(served.version()));
    String body = object.substring(0, object.length() - 1);
    return body + (body.equals("{") ? "" : ",") + "\"kb_version\":" + field + "}";
  }

  private static ProblemException invalid(String pointer, String detail) {
    return new ProblemException(Problem.invalidField(pointer, detail));
  }
}
