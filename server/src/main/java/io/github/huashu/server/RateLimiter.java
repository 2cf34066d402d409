package io.github.huashu.server;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The rate limit of each key: a token bucket per key (Bucket4j, lock-free), holding one period's
 * worth of requests and refilled greedily, so that {@code 60/min} allows a burst of 60 and then one
 * a second. Thread-safe.
 */
final class RateLimiter {

  private final Map<String, Bucket> buckets;

  RateLimiter(ApiKeys keys) {
    Map<String, Bucket> buckets = new HashMap<>();
    for (ApiKeys.Key key : keys.keys()) {
      ApiKeys.Rate rate = key.rate();
      buckets.put(
          key.name(),
          Bucket.builder()
              .addLimit(
                  limit ->
                      limit.capacity(rate.requests()).refillGreedy(rate.requests(), rate.period()))
              .build());
    }
    this.buckets = Map.copyOf(buckets);
  }

  /**
   * Takes one request from the key's bucket.
   *
   * @return 0 if the request may go on, else the whole seconds to wait before the next one may
   */
  long acquire(ApiKeys.Key key) {
    ConsumptionProbe probe = buckets.get(key.name()).tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return 0;
    }
    return Math.max(
        1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999));
  }
}
