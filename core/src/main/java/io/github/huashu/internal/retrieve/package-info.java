/**
 * Stage 5, retrieve: BM25 over the examples, their postings built by Lucene and searched in packed
 * arrays with MaxScore pruning ({@code ExampleIndex}, {@code Postings}), and the nearest example of
 * an intent by character-gram Dice ({@code NearestExamples}). Not API.
 */
package io.github.huashu.internal.retrieve;
