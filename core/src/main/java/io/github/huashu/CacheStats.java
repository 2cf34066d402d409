package io.github.huashu;

/**
 * How a suggester's cache (of what each normalised text decides) has done since it was built.
 *
 * @param hits questions decided from the cache
 * @param misses questions decided by matching (and then cached)
 * @param evictions decisions dropped to stay within the maximum size
 * @param size decisions held now (approximate)
 *     <p>Immutable.
 */
public record CacheStats(long hits, long misses, long evictions, long size) {

  /** The statistics of a suggester without a cache. */
  public static final CacheStats NONE = new CacheStats(0, 0, 0, 0);

  /** Hits over lookups, or 0 before the first lookup. */
  public double hitRate() {
    long lookups = hits + misses;
    return lookups == 0 ? 0 : (double) hits / lookups;
  }
}
