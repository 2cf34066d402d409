package io.github.huashu.server;

import io.github.huashu.CorpusException;
import io.github.huashu.CorpusProblem;
import io.github.huashu.SnapshotException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/admin/reload}: reloads the corpus folder or the snapshot file (see {@link
 * Reloader}) and answers what serves now: 200 with {@code status} ({@code RELOADED} or {@code
 * UNCHANGED}), {@code kb_version}, {@code previous_kb_version}, {@code intents} and {@code millis};
 * 422 {@code corpus-invalid} with the corpus's problems as {@code problems} (file, line, column,
 * field, message), or 422 {@code snapshot-invalid} with the snapshot's file and what is wrong with
 * it in {@code detail}, the old knowledge base serving on; 409 {@code reload-in-progress} while
 * another reload runs; 409 {@code not-reloadable} when the server has neither a corpus folder nor a
 * snapshot file. Needs an admin key (see {@link KeyCheck}). Thread-safe.
 */
final class ReloadHandler implements Handler {

  private final Reloader reloader; // null: no corpus folder or snapshot file

  ReloadHandler(Reloader reloader) {
    this.reloader = reloader;
  }

  @Override
  public void handle(Context ctx) {
    if (reloader == null) {
      throw new ProblemException(
          conflict(
              "not-reloadable",
              "Nothing to reload",
              "the server was given no corpus folder or snapshot file to reload from",
              Map.of()));
    }
    Reloader.Outcome outcome;
    try {
      outcome = reloader.reload(false);
    } catch (Reloader.Busy e) {
      throw new ProblemException(
          conflict(
              "reload-in-progress",
              "Reload in progress",
              "another reload is running; retry when it has finished",
              Map.of("Retry-After", "1")));
    } catch (CorpusException e) {
      invalid(ctx, e.problems());
      return;
    } catch (SnapshotException e) {
      Served served = Responses.served(ctx);
      // The message names the file and says what was expected and what was found.
      throw new ProblemException(
          new Problem(
              422,
              "snapshot-invalid",
              "Snapshot invalid",
              e.getMessage()
                  + "; "
                  + (served == null ? "no knowledge base" : served.version())
                  + " serves on",
              List.of(),
              Map.of()));
    }
    ctx.header(Responses.KB_VERSION_HEADER, outcome.version());
    Responses.json(
        ctx,
        Responses.text(
            json -> {
              json.writeStartObject();
              json.writeStringField("status", outcome.status().name());
              json.writeStringField("kb_version", outcome.version());
              if (outcome.previousVersion() == null) {
                json.writeNullField("previous_kb_version");
              } else {
                json.writeStringField("previous_kb_version", outcome.previousVersion());
              }
              json.writeNumberField("intents", outcome.intents());
              json.writeNumberField("millis", outcome.millis());
              json.writeEndObject();
            }));
  }

  private static Problem conflict(
      String kind, String title, String detail, Map<String, String> headers) {
    return new Problem(409, kind, title, detail, List.of(), headers);
  }

  /** A 422 problem with the corpus's problems, each located. */
  private static void invalid(Context ctx, List<CorpusProblem> problems) {
    Served served = Responses.served(ctx);
    String body =
        Responses.text(
            json -> {
              json.writeStartObject();
              json.writeStringField("type", Problem.TYPE_PREFIX + "corpus-invalid");
              json.writeStringField("title", "Corpus invalid");
              json.writeNumberField("status", 422);
              json.writeStringField(
                  "detail",
                  "the corpus has "
                      + problems.size()
                      + (problems.size() == 1 ? " problem" : " problems")
                      + "; "
                      + (served == null ? "no knowledge base" : served.version())
                      + " serves on");
              json.writeStringField("instance", ctx.path());
              json.writeArrayFieldStart("problems");
              for (CorpusProblem problem : problems) {
                json.writeStartObject();
                json.writeStringField("file", problem.file());
                json.writeNumberField("line", problem.line());
                json.writeNumberField("column", problem.column());
                json.writeStringField("field", problem.field());
                json.writeStringField("message", problem.message());
                json.writeStringField("severity", problem.severity().name());
                json.writeEndObject();
              }
              json.writeEndArray();
              Responses.kbVersion(json, served);
              json.writeEndObject();
            });
    ctx.status(422).contentType(Responses.PROBLEM_JSON).result(body);
  }
}
