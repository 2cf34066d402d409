package io.github.huashu.server;

import io.github.huashu.CacheStats;
import io.github.huashu.Decision;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * What {@code GET /metrics} shows, in Prometheus' text format (Micrometer's Prometheus registry):
 *
 * <ul>
 *   <li>{@code huashu_http_requests_seconds} (histogram with fixed buckets from 1 ms to 5 s, by
 *       {@code method}, {@code route}, {@code status}); {@code huashu_http_errors_total} (by {@code
 *       status}, 4xx and 5xx); {@code huashu_http_in_flight};
 *   <li>{@code huashu_decisions_total} (by {@code decision}: MATCH, CLARIFY, FALLBACK);
 *   <li>{@code huashu_answer_cache_hits_total}, {@code _misses_total}, {@code _evictions_total}
 *       (summed over the knowledge bases served since the start: each has its own cache) and {@code
 *       huashu_answer_cache_size};
 *   <li>{@code huashu_reloads_total} (by {@code result}: success, failure);
 *   <li>{@code huashu_kb_info} (1, with the {@code kb_version} now serving as a label) and {@code
 *       huashu_kb_intents};
 *   <li>the JVM's memory, threads, CPU and uptime.
 * </ul>
 *
 * <p>The route label is the route's template ({@code /v1/intents/{id}}), never the path asked for,
 * so that a scan of random paths cannot grow the series: {@code NOT_FOUND} for those, {@code OTHER}
 * for the playground's files and requests refused before routing.
 *
 * <p>Thread-safe.
 */
final class Metrics {

  /** Prometheus' text format, version 0.0.4. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Duration[] BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(20),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(200),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(2),
    Duration.ofSeconds(5)
  };

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<Decision, Counter> decisions = new EnumMap<>(Decision.class);
  private final Counter reloadSuccesses;
  private final Counter reloadFailures;
  private final MultiGauge kbInfo;
  private final Supplier<Served> served;
  private final Object retiredLock = new Object();
  private CacheStats retired = CacheStats.NONE; // guarded by retiredLock

  Metrics(Supplier<Served> served, LongSupplier inFlight) {
    this.served = served;
    Gauge.builder("huashu.http.in.flight", inFlight, LongSupplier::getAsLong)
        .strongReference(true)
        .description("HTTP requests being answered now")
        .register(registry);
    for (Decision decision : Decision.values()) {
      decisions.put(
          decision,
          Counter.builder("huashu.decisions")
              .description("Decisions of /v1/suggest and its batch, by kind")
              .tag("decision", decision.name())
              .register(registry));
    }
    reloadSuccesses = reloads("success");
    reloadFailures = reloads("failure");
    cacheCounter(
        "huashu.answer.cache.hits", "Questions decided from the answer cache", CacheStats::hits);
    cacheCounter("huashu.answer.cache.misses", "Questions decided by matching", CacheStats::misses);
    cacheCounter(
        "huashu.answer.cache.evictions",
        "Decisions dropped from the answer cache",
        CacheStats::evictions);
    Gauge.builder("huashu.answer.cache.size", this, m -> m.current().size())
        .description("Decisions held in the answer cache of the knowledge base serving now")
        .register(registry);
    Gauge.builder(
            "huashu.kb.intents",
            this,
            m -> {
              Served s = m.served.get();
              return s == null ? 0 : s.knowledgeBase().intents().size();
            })
        .description("Intents of the knowledge base serving now")
        .register(registry);
    kbInfo =
        MultiGauge.builder("huashu.kb.info")
            .description("The knowledge base serving now, as its kb_version label")
            .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  private Counter reloads(String result) {
    return Counter.builder("huashu.reloads")
        .description("Corpus reloads (admin endpoint or watch), by result")
        .tag("result", result)
        .register(registry);
  }

  private void cacheCounter(String name, String description, ToDoubleFunction<CacheStats> field) {
    // Never backwards, not even while a swap retires the old cache's counts.
    AtomicLong shown = new AtomicLong();
    FunctionCounter.builder(
            name,
            this,
            m -> shown.accumulateAndGet((long) field.applyAsDouble(m.total()), Math::max))
        .description(description)
        .register(registry);
  }

  private CacheStats current() {
    Served s = served.get();
    return s == null ? CacheStats.NONE : s.suggester().cacheStats();
  }

  /** The cache's counts since the start: of the knowledge bases retired, and of this one. */
  private CacheStats total() {
    // Read under the lock the swap retires under: a knowledge base read as the current one is
    // then never among the retired as well (counted twice, and kept so by the never-backwards
    // maximum). Read just after a swap, before its retirement, the old counts are missing a
    // moment, which that maximum hides.
    synchronized (retiredLock) {
      CacheStats now = current();
      return new CacheStats(
          retired.hits() + now.hits(),
          retired.misses() + now.misses(),
          retired.evictions() + now.evictions(),
          now.size());
    }
  }

  /** A request ended, after {@code millis}, with the decisions it made. */
  void finished(Context ctx, float millis, List<Decision> made) {
    int status = ctx.statusCode();
    Timer.builder("huashu.http.requests")
        .description("HTTP requests, by route template, method and status")
        .tags(
            "method",
            ctx.method().name(),
            "route",
            route(ctx, status),
            "status",
            Integer.toString(status))
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record((long) (millis * 1_000_000.0), TimeUnit.NANOSECONDS);
    if (status >= 400) {
      Counter.builder("huashu.http.errors")
          .description("Error responses, by status")
          .tag("status", Integer.toString(status))
          .register(registry)
          .increment();
    }
    for (Decision decision : made) {
      decisions.get(decision).increment();
    }
  }

  private static String route(Context ctx, int status) {
    if (status == 404) {
      return "NOT_FOUND";
    }
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    return endpoint == null ? "OTHER" : endpoint.path;
  }

  /** A reload ended. */
  void reloaded(boolean success) {
    (success ? reloadSuccesses : reloadFailures).increment();
  }

  /** Another knowledge base serves: the old one's cache counts are kept. */
  void swapped(Served previous, Served current) {
    if (previous != null) {
      CacheStats old = previous.suggester().cacheStats();
      synchronized (retiredLock) {
        retired =
            new CacheStats(
                retired.hits() + old.hits(),
                retired.misses() + old.misses(),
                retired.evictions() + old.evictions(),
                0);
      }
    }
  }

  /** The metrics, in Prometheus' text format. */
  String scrape() {
    Served now = served.get();
    kbInfo.register(
        now == null
            ? List.of()
            : List.of(MultiGauge.Row.of(Tags.of("kb_version", now.version()), 1)),
        true);
    return registry.scrape();
  }
}
