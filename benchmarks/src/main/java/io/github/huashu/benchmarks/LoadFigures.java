package io.github.huashu.benchmarks;

import java.util.Locale;

/** What one load run measured; latencies in microseconds. Immutable. */
record LoadFigures(
    long requests, double seconds, long errors, long p50, long p90, long p99, long p999, long max) {

  double throughput() {
    return requests / seconds;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%,d requests in %.1f s: %,.0f requests/s; latency p50 %.2f ms, p90 %.2f ms,"
            + " p99 %.2f ms, p99.9 %.2f ms, max %.2f ms; errors %d",
        requests,
        seconds,
        throughput(),
        p50 / 1000.0,
        p90 / 1000.0,
        p99 / 1000.0,
        p999 / 1000.0,
        max / 1000.0,
        errors);
  }
}
