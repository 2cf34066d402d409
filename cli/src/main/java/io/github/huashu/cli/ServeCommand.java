package io.github.huashu.cli;

import io.github.huashu.KnowledgeBase;
import io.github.huashu.server.ApiKeys;
import io.github.huashu.server.KeyFileException;
import io.github.huashu.server.SuggestionServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
      "Listens first (/readyz answers 503 while the corpus loads), then serves the corpus,"
          + " or the snapshot of --kb FILE (saved by `huashu build`, opens in seconds).",
      "Operating it: API keys (--keys), POST /v1/admin/reload (admin key) and --watch,"
          + " GET /metrics (Prometheus), an access log (logger huashu.access) and a graceful"
          + " stop on SIGTERM."
    })
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin KnowledgeBaseOptions corpus = new KnowledgeBaseOptions();

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

  @Option(
      names = "--keys",
      paramLabel = "FILE",
      description =
          "API keys file: one key a line, 'NAME SHA256 RATE ROLE' (rate N/s or N/min, role client"
              + " or admin); make keys with 'huashu key'. /v1/* and /metrics then need"
              + " 'Authorization: Bearer KEY' (or X-Api-Key). Without it the server listens on"
              + " loopback only and asks for no key.")
  Path keys;

  @Option(
      names = "--watch",
      description =
          "Reload the corpus when a file of its folder changes (needs --corpus), or the snapshot"
              + " when its file is replaced (with --kb); a broken one is logged and the old one"
              + " serves on.")
  boolean watch;

  @Option(
      names = "--watch-quiet-ms",
      paramLabel = "MS",
      description =
          "With --watch, reload once the folder has been quiet this long. Default: ${DEFAULT-VALUE}.",
      defaultValue = "500")
  long watchQuietMillis;

  @Option(
      names = "--drain-timeout-ms",
      paramLabel = "MS",
      description =
          "On SIGTERM (or Ctrl-C), stop accepting and let the requests in flight finish for up to"
              + " this long. Default: ${DEFAULT-VALUE}.",
      defaultValue = "10000")
  long drainTimeoutMillis;

  @Option(
      names = "--log-questions",
      description =
          "Show questions and drafts in the access log (logger huashu.access); off by default:"
              + " they may hold shoppers' personal data.")
  boolean logQuestions;

  /** Released when the server is to stop. */
  private final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    corpus.check();
    if (watch && corpus.corpus == null && corpus.kb == null) {
      err.println(
          "error: --watch needs --corpus DIR or --kb FILE (the bundled sample corpus does not"
              + " change)");
      return Huashu.USAGE;
    }
    ApiKeys apiKeys = null;
    if (keys != null) {
      try {
        apiKeys = ApiKeys.read(keys);
      } catch (IOException e) {
        err.println("error: cannot read the keys file " + keys + ": " + e.getMessage());
        return Huashu.USAGE;
      } catch (KeyFileException e) {
        err.println("error: " + e.getMessage());
        return Huashu.PROBLEMS;
      }
    }
    ServeLogging.configure();
    SuggestionServer server;
    try {
      SuggestionServer.Builder builder =
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
              .drainTimeout(Duration.ofMillis(drainTimeoutMillis))
              .logQuestions(logQuestions);
      if (apiKeys != null) {
        builder.apiKeys(apiKeys);
      }
      if (corpus.kb != null) {
        builder.snapshotFile(corpus.kb);
      } else if (corpus.corpus != null) {
        builder.corpusFolder(corpus.corpus, corpus.loader());
      }
      if (watch) {
        builder.watchCorpus(Duration.ofMillis(watchQuietMillis));
      }
      server = builder.build();
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return Huashu.USAGE;
    }
    server.start();
    Thread hook = new Thread(stop::countDown, "huashu-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean interrupted = false;
    try (StopSignals signals = StopSignals.install(stop::countDown)) {
      out.println("listening on http://" + host + ":" + server.port());
      out.println(
          apiKeys == null
              ? "no --keys: the API asks for no key and listens on this machine only"
              : "keys: " + apiKeys.size() + " from " + keys);
      out.flush();
      KnowledgeBase kb = corpus.load(err);
      if (kb == null) {
        return Huashu.PROBLEMS;
      }
      // A reload that finished first read the files later: it serves on.
      if (!server.swapIfNone(kb)) {
        kb = server.knowledgeBase().orElseThrow();
      }
      out.println("ready: " + kb);
      out.flush();
      try {
        stop.await();
      } catch (InterruptedException e) {
        // Stopping the server waits for its threads: the flag is set again once it has stopped.
        interrupted = true;
      }
      out.println(
          "stopping: no new connections; requests in flight may finish within "
              + drainTimeoutMillis
              + " ms");
      out.flush();
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
