package io.github.huashu.internal.retrieve;

import io.github.huashu.internal.features.StringIds;
import io.github.huashu.internal.snapshot.SnapshotInput;
import io.github.huashu.internal.snapshot.SnapshotOutput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import org.apache.lucene.index.FieldInvertState;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.Version;

/**
 * One field's postings: per term, the documents that have it and each one's BM25 score, computed by
 * Lucene's own {@link BM25Similarity} (length norms and scorer) from the statistics a Lucene index
 * of the same documents would keep. Immutable.
 */
final class Postings {

  static final String WORDS = "w";
  static final String BIGRAMS = "c";

  final StringIds terms;
  final int[][] docs;
  final float[][] scores;

  /** Per term, its highest score: the most it can add to a document. */
  final float[] maxScores;

  Postings(StringIds terms, int[][] docs, float[][] scores) {
    this.terms = terms;
    this.docs = docs;
    this.scores = scores;
    this.maxScores = new float[docs.length];
    for (int t = 0; t < docs.length; t++) {
      for (float score : scores[t]) {
        maxScores[t] = Math.max(maxScores[t], score);
      }
    }
  }

  /** Writes the terms in id order, then each term's documents and scores. */
  void write(SnapshotOutput out) {
    out.writeStrings(terms.strings());
    for (int t = 0; t < docs.length; t++) {
      out.writeInts(docs[t]);
      out.writeFloats(scores[t]);
    }
  }

  /** Reads what {@link #write} wrote, for an index of {@code maxDoc} documents. */
  static Postings read(SnapshotInput in, int maxDoc) {
    List<String> byId = in.readStrings();
    StringIds terms = StringIds.of(byId);
    if (terms.repeated() >= 0) {
      throw new SnapshotInput.Malformed(
          "expected distinct terms but '" + byId.get(terms.repeated()) + "' came twice");
    }
    int[][] docs = new int[byId.size()][];
    float[][] scores = new float[byId.size()][];
    for (int t = 0; t < docs.length; t++) {
      docs[t] = in.readInts();
      scores[t] = in.readFloats();
      if (docs[t].length != scores[t].length) {
        throw new SnapshotInput.Malformed(
            "expected a score per document of term '" + byId.get(t) + "'");
      }
      for (int doc : docs[t]) {
        if (doc < 0 || doc >= maxDoc) {
          throw new SnapshotInput.Malformed(
              "expected a document below " + maxDoc + " but was " + doc);
        }
      }
    }
    return new Postings(terms, docs, scores);
  }

  /** Both fields' postings and, per document, its intent and example ordinal. */
  record Fields(Postings words, Postings bigrams, int[] docIntent, int[] docExample) {}

  /**
   * Inverts the documents and scores every posting as a Lucene index of them, searched by {@link
   * IndexSearcher} with {@link BM25Similarity}, would: the collection and term statistics are those
   * Lucene keeps (documents with the field, total term frequencies), each document's length norm is
   * {@link BM25Similarity#computeNorm} of the field's invert state (tokens at the previous position
   * are overlaps, not length), and each posting is scored by the similarity's own scorer. Documents
   * are numbered in list order, as the index writer numbers them.
   *
   * <p>Lucene's own index writer did the inversion before; at 10,000 intents, building its segments
   * in memory for every matcher a load trains was a fifth of the load's CPU time. {@code
   * PostingsTest} checks the postings against those copied out of a Lucene index, score for score.
   */
  static Fields build(List<ExampleIndex.Doc> docs) {
    return build(docs, null);
  }

  /**
   * As {@link #build(List)}, the bigram field inverted on the executor while this thread inverts
   * the word field (or here as well, if no thread of the executor has started it by then).
   */
  static Fields build(List<ExampleIndex.Doc> docs, Executor executor) {
    int[] docIntent = new int[docs.size()];
    int[] docExample = new int[docs.size()];
    for (int d = 0; d < docs.size(); d++) {
      docIntent[d] = docs.get(d).intent();
      docExample[d] = docs.get(d).example();
    }
    FutureTask<Postings> bigrams =
        new FutureTask<>(() -> invert(docs, BIGRAMS, ExampleIndex.Doc::bigrams));
    if (executor != null) {
      executor.execute(bigrams);
    }
    Postings words = invert(docs, WORDS, ExampleIndex.Doc::words);
    bigrams.run();
    try {
      return new Fields(words, bigrams.get(), docIntent, docExample);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while indexing", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw new IllegalStateException("indexing failed", e.getCause());
    }
  }

  private static Postings invert(
      List<ExampleIndex.Doc> docs, String field, Function<ExampleIndex.Doc, Tokens> tokensOf) {
    BM25Similarity similarity = new BM25Similarity();
    Map<String, TermBuild> terms = new HashMap<>();
    List<TermBuild> inOrder = new ArrayList<>();
    long[] norms = new long[docs.size()];
    int docCount = 0;
    long sumTotalTermFreq = 0;
    long sumDocFreq = 0;
    for (int d = 0; d < docs.size(); d++) {
      Tokens tokens = tokensOf.apply(docs.get(d));
      String[] values = tokens.terms();
      if (values.length == 0) {
        continue;
      }
      int position = -1;
      int numOverlap = 0;
      int maxTermFrequency = 0;
      int uniqueTermCount = 0;
      for (int i = 0; i < values.length; i++) {
        int increment = tokens.increments()[i];
        if (increment == 0) {
          numOverlap++;
        }
        position += increment;
        TermBuild term = terms.get(values[i]);
        if (term == null) {
          String text = indexed(values[i]);
          term = terms.get(text);
          if (term == null) {
            term = new TermBuild(text);
            inOrder.add(term);
            terms.put(text, term);
          }
          terms.put(values[i], term);
        }
        int freq = term.add(d);
        if (freq == 1) {
          uniqueTermCount++;
          sumDocFreq++;
        }
        maxTermFrequency = Math.max(maxTermFrequency, freq);
      }
      sumTotalTermFreq += values.length;
      docCount++;
      norms[d] =
          similarity.computeNorm(
              new FieldInvertState(
                  Version.LATEST.major,
                  field,
                  IndexOptions.DOCS_AND_FREQS_AND_POSITIONS,
                  position,
                  values.length,
                  numOverlap,
                  0,
                  maxTermFrequency,
                  uniqueTermCount));
    }
    if (docCount == 0) {
      return new Postings(StringIds.of(List.of()), new int[0][], new float[0][]);
    }
    CollectionStatistics collection =
        new CollectionStatistics(field, docs.size(), docCount, sumTotalTermFreq, sumDocFreq);
    String[] byId = new String[inOrder.size()];
    int[][] postingDocs = new int[inOrder.size()][];
    float[][] scores = new float[inOrder.size()][];
    int id = 0;
    for (TermBuild term : inOrder) {
      byId[id] = term.text;
      int docFreq = term.docFreq;
      Similarity.SimScorer scorer =
          similarity.scorer(
              1f,
              collection,
              new TermStatistics(new BytesRef(term.text), docFreq, term.totalTermFreq));
      postingDocs[id] = Arrays.copyOf(term.docs, docFreq);
      scores[id] = new float[docFreq];
      for (int i = 0; i < docFreq; i++) {
        scores[id][i] = scorer.score(term.freqs[i], norms[term.docs[i]]);
      }
      id++;
    }
    return new Postings(StringIds.of(byId), postingDocs, scores);
  }

  /**
   * The term as the index keeps it: Lucene stores terms as UTF-8, where a lone surrogate becomes
   * U+FFFD, so two such strings are one term there.
   */
  private static String indexed(String term) {
    for (int i = 0; i < term.length(); i++) {
      if (Character.isSurrogate(term.charAt(i))) {
        return new BytesRef(term).utf8ToString();
      }
    }
    return term;
  }

  /** A term's postings while the documents are inverted. */
  private static final class TermBuild {
    final String text;
    int docFreq;
    long totalTermFreq;
    int[] docs = new int[2];
    int[] freqs = new int[2];

    TermBuild(String text) {
      this.text = text;
    }

    /** Counts an occurrence in the document (documents come in order); its frequency so far. */
    int add(int doc) {
      totalTermFreq++;
      if (docFreq > 0 && docs[docFreq - 1] == doc) {
        return ++freqs[docFreq - 1];
      }
      if (docFreq == docs.length) {
        docs = Arrays.copyOf(docs, docFreq * 2);
        freqs = Arrays.copyOf(freqs, docFreq * 2);
      }
      docs[docFreq] = doc;
      freqs[docFreq] = 1;
      docFreq++;
      return 1;
    }
  }
}
