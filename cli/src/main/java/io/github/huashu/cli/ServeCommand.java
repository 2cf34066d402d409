package io.github.huashu.cli;

import io.github.huashu.KnowledgeBase;
import io.github.huashu.server.SuggestionServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code huashu serve}: the suggestion service over HTTP until the process is stopped (or, in
 * tests, the thread running it is interrupted).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the API over HTTP: POST /v1/suggest, /v1/suggest:batch, /v1/lint-reply;"
          + " GET /v1/intents, /healthz, /readyz, /openapi.json and the playground at /.",
      "Listens first (/readyz answers 503 while the corpus loads), then serves the corpus."
    })
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin CorpusOptions corpus = new CorpusOptions();

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only).",
      defaultValue = SuggestionServer.Builder.DEFAULT_HOST)
  String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Port to listen on, 0 for any free one. Default: ${DEFAULT-VALUE}.",
      defaultValue = "" + SuggestionServer.Builder.DEFAULT_PORT)
  int port;

  @Option(
      names = "--max-body-bytes",
      paramLabel = "N",
      description = "Largest request body (413 beyond). Default: ${DEFAULT-VALUE}.",
      defaultValue = "" + SuggestionServer.Builder.DEFAULT_MAX_BODY_BYTES)
  long maxBodyBytes;

  @Option(
      names = "--max-batch-size",
      paramLabel = "N",
      description = "Most items of one /v1/suggest:batch call. Default: ${DEFAULT-VALUE}.",
      defaultValue = "" + SuggestionServer.Builder.DEFAULT_MAX_BATCH_SIZE)
  int maxBatchSize;

  @Option(
      names = "--max-question-length",
      paramLabel = "N",
      description = "Longest question, in characters (422 beyond). Default: ${DEFAULT-VALUE}.",
      defaultValue = "" + io.github.huashu.Suggester.DEFAULT_MAX_QUESTION_LENGTH)
  int maxQuestionLength;

  @Option(
      names = "--max-draft-length",
      paramLabel = "N",
      description =
          "Longest draft /v1/lint-reply checks, in characters. Default: ${DEFAULT-VALUE}.",
      defaultValue = "" + SuggestionServer.Builder.DEFAULT_MAX_DRAFT_LENGTH)
  int maxDraftLength;

  @Option(
      names = "--request-timeout-ms",
      paramLabel = "MS",
      description = "Time one API request may take (503 beyond). Default: ${DEFAULT-VALUE}.",
      defaultValue = "5000")
  long requestTimeoutMillis;

  @Option(
      names = "--max-concurrent-requests",
      paramLabel = "N",
      description =
          "API requests answered at once; more are refused with 503 and Retry-After. Default: ${DEFAULT-VALUE}.",
      defaultValue = "" + SuggestionServer.Builder.DEFAULT_MAX_CONCURRENT_REQUESTS)
  int maxConcurrentRequests;

  @Option(
      names = "--max-conversations",
      paramLabel = "N",
      description = "Conversations kept (least recently used dropped). Default: ${DEFAULT-VALUE}.",
      defaultValue = "" + SuggestionServer.Builder.DEFAULT_MAX_CONVERSATIONS)
  long maxConversations;

  @Option(
      names = "--conversation-idle-minutes",
      paramLabel = "MIN",
      description = "Minutes an idle conversation is kept. Default: ${DEFAULT-VALUE}.",
      defaultValue = "30")
  long conversationIdleMinutes;

  /** Released when the server is to stop. */
  private final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SuggestionServer server;
    try {
      server =
          SuggestionServer.builder()
              .host(host)
              .port(port)
              .maxBodyBytes(maxBodyBytes)
              .maxBatchSize(maxBatchSize)
              .maxQuestionLength(maxQuestionLength)
              .maxDraftLength(maxDraftLength)
              .requestTimeout(Duration.ofMillis(requestTimeoutMillis))
              .maxConcurrentRequests(maxConcurrentRequests)
              .maxConversations(maxConversations)
              .conversationIdleExpiry(Duration.ofMinutes(conversationIdleMinutes))
              .build();
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return Huashu.USAGE;
    }
    server.start();
    Thread hook = new Thread(stop::countDown, "huashu-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean interrupted = false;
    try {
      out.println("listening on http://" + host + ":" + server.port());
      out.flush();
      KnowledgeBase kb = corpus.load(err);
      if (kb == null) {
        return Huashu.PROBLEMS;
      }
      server.swap(kb);
      out.println("ready: " + kb);
      out.flush();
      try {
        stop.await();
      } catch (InterruptedException e) {
        // Stopping the server waits for its threads: the flag is set again once it has stopped.
        interrupted = true;
      }
      return 0;
    } finally {
      server.stop();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down: the hook is running.
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
