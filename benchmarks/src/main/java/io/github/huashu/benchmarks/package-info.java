/**
 * JMH benchmarks of the hot path, the engine's parts, loading and memory, against a plain Lucene
 * BM25 baseline. Not published.
 */
package io.github.huashu.benchmarks;
