package io.github.huashu.server;

import io.github.huashu.Decision;
import io.github.huashu.KnowledgeBase;
import io.javalin.config.JavalinConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;

/**
 * What it takes to operate a server, wired into it in one place: API keys and rate limits ({@link
 * KeyCheck}), {@code /metrics} ({@link Metrics}), the access log ({@link AccessLog}), reloads
 * ({@code POST /v1/admin/reload}, {@link Reloader}, and the {@link CorpusWatcher}) and the graceful
 * stop (Jetty's {@link GracefulHandler}: on stop, the server stops accepting, lets the requests in
 * flight finish for up to the drain timeout, then closes). Thread-safe.
 */
final class Operations implements AutoCloseable {

  /**
   * The options of a server that concern its operation; see {@link SuggestionServer.Builder}.
   *
   * @param keys the API keys, or null for none
   * @param corpusFolder the folder reloads read, or null
   * @param loader the loader reloads use (with {@code corpusFolder})
   * @param snapshotFile the snapshot file reloads open again, or null (never with {@code
   *     corpusFolder})
   * @param watchQuietPeriod how long the corpus folder (or snapshot file) must be quiet before a
   *     reload, or null not to watch it
   * @param drainTimeout how long a stop waits for the requests in flight
   * @param logQuestions whether the access log shows questions and drafts
   * @param accessLogger the access log's logger
   */
  record Settings(
      ApiKeys keys,
      Path corpusFolder,
      KnowledgeBase.Loader loader,
      Path snapshotFile,
      Duration watchQuietPeriod,
      Duration drainTimeout,
      boolean logQuestions,
      Logger accessLogger) {}

  private final Settings settings;
  private final GracefulHandler graceful = new GracefulHandler();
  private final Metrics metrics;
  private final AccessLog accessLog;
  private final KeyCheck keyCheck;
  private final Reloader reloader;
  private CorpusWatcher watcher; // guarded by this

  Operations(Settings settings, SuggestionServer server, Supplier<Served> served) {
    this.settings = settings;
    this.metrics = new Metrics(served, graceful::getCurrentRequestCount);
    this.accessLog = new AccessLog(settings.accessLogger(), settings.logQuestions());
    this.keyCheck = new KeyCheck(settings.keys());
    if (settings.corpusFolder() != null) {
      this.reloader =
          Reloader.ofCorpus(settings.corpusFolder(), settings.loader(), server, metrics);
    } else if (settings.snapshotFile() != null) {
      this.reloader = Reloader.ofSnapshot(settings.snapshotFile(), server, metrics);
    } else {
      this.reloader = null;
    }
  }

  /** Adds the handlers, the routes and the graceful stop; after the handler reading the KB. */
  void configure(JavalinConfig config) {
    config.jetty.modifyServer(
        server -> {
          // Javalin attaches its handlers inside this wrapper.
          // Once a stop began, Jetty closes connections idle for 1 s (its shutdown idle
          // timeout): keep-alive connections, and requests whose body stalls; the stop waits for
          // every connection to close, so a longer one would hold it up for nothing.
          server.setHandler(graceful);
          server.setStopTimeout(settings.drainTimeout().toMillis());
        });
    config.routes.before(keyCheck);
    config.routes.get(
        "/metrics", ctx -> ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape()));
    config.routes.post("/v1/admin/reload", new ReloadHandler(reloader));
    config.requestLogger.http(
        (ctx, millis) -> {
          List<Decision> decisions = AccessNotes.decisions(ctx);
          metrics.finished(ctx, millis, decisions);
          accessLog.log(ctx, millis, decisions, AccessNotes.texts(ctx));
        });
  }

  /** The server listens: starts watching the corpus if asked to. */
  synchronized void started() {
    if (settings.watchQuietPeriod() != null && watcher == null) {
      watcher = new CorpusWatcher(reloader, settings.watchQuietPeriod());
      watcher.start();
    }
  }

  /** Another knowledge base serves. */
  void swapped(Served previous, Served current) {
    metrics.swapped(previous, current);
  }

  /** A description for the log line of the start: keys, watch. */
  String describe() {
    return (settings.keys() == null
            ? "no API keys: loopback only, no key asked"
            : settings.keys().size() + " API keys")
        + (settings.watchQuietPeriod() == null ? "" : ", watching " + reloader.source());
  }

  @Override
  public synchronized void close() {
    if (watcher != null) {
      watcher.close();
      watcher = null;
    }
  }
}
