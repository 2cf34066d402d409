package io.github.huashu.internal.retrieve;

import io.github.huashu.internal.snapshot.SnapshotInput;
import io.github.huashu.internal.snapshot.SnapshotOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * One field's postings: per term, the documents that have it and each one's BM25 score, computed by
 * Lucene's own {@link BM25Similarity} scorer from the statistics of an index that Lucene built
 * (inversion, length norms, collection statistics) and that is dropped once copied. Immutable.
 */
final class Postings {

  static final String WORDS = "w";
  static final String BIGRAMS = "c";
  private static final String INTENT = "intent";
  private static final String EXAMPLE = "example";

  final Map<String, Integer> termIds;
  final int[][] docs;
  final float[][] scores;

  /** Per term, its highest score: the most it can add to a document. */
  final float[] maxScores;

  Postings(Map<String, Integer> termIds, int[][] docs, float[][] scores) {
    this.termIds = termIds;
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
    String[] byId = new String[docs.length];
    termIds.forEach((term, id) -> byId[id] = term);
    out.writeStrings(Arrays.asList(byId));
    for (int t = 0; t < docs.length; t++) {
      out.writeInts(docs[t]);
      out.writeFloats(scores[t]);
    }
  }

  /** Reads what {@link #write} wrote, for an index of {@code maxDoc} documents. */
  static Postings read(SnapshotInput in, int maxDoc) {
    List<String> byId = in.readStrings();
    Map<String, Integer> termIds = new HashMap<>(byId.size() * 4 / 3 + 1);
    int[][] docs = new int[byId.size()][];
    float[][] scores = new float[byId.size()][];
    for (int t = 0; t < docs.length; t++) {
      if (termIds.put(byId.get(t), t) != null) {
        throw new SnapshotInput.Malformed(
            "expected distinct terms but '" + byId.get(t) + "' came twice");
      }
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
    return new Postings(termIds, docs, scores);
  }

  /** Both fields' postings and, per document, its intent and example ordinal. */
  record Fields(Postings words, Postings bigrams, int[] docIntent, int[] docExample) {}

  /**
   * Indexes the documents with Lucene and copies the postings out.
   *
   * @param flushEvery documents per segment ({@link IndexWriterConfig#DISABLE_AUTO_FLUSH}: by RAM
   *     use only)
   */
  static Fields build(List<ExampleIndex.Doc> docs, int flushEvery) {
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    BM25Similarity similarity = new BM25Similarity();
    // Every field arrives analysed (a token stream): the writer's analyzer is never used.
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setSimilarity(similarity)
            .setCommitOnClose(true)
            .setMaxBufferedDocs(flushEvery)
            .setMergePolicy(NoMergePolicy.INSTANCE);
    try {
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        for (ExampleIndex.Doc doc : docs) {
          Document d = new Document();
          d.add(new TextField(WORDS, new Replay(doc.words())));
          d.add(new TextField(BIGRAMS, new Replay(doc.bigrams())));
          d.add(new NumericDocValuesField(INTENT, doc.intent()));
          d.add(new NumericDocValuesField(EXAMPLE, doc.example()));
          writer.addDocument(d);
        }
      }
      // The index is read once, into arrays; the reader and the directory are then let go.
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        int[] docIntent = new int[reader.maxDoc()];
        int[] docExample = new int[reader.maxDoc()];
        for (LeafReaderContext leaf : reader.leaves()) {
          NumericDocValues intents = leaf.reader().getNumericDocValues(INTENT);
          NumericDocValues examples = leaf.reader().getNumericDocValues(EXAMPLE);
          for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
            intents.advanceExact(doc);
            examples.advanceExact(doc);
            docIntent[leaf.docBase + doc] = (int) intents.longValue();
            docExample[leaf.docBase + doc] = (int) examples.longValue();
          }
        }
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setSimilarity(similarity);
        searcher.setQueryCache(null);
        return new Fields(
            postings(searcher, WORDS, similarity),
            postings(searcher, BIGRAMS, similarity),
            docIntent,
            docExample);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("building an in-memory index failed", e);
    }
  }

  /** Copies a field's postings out of the index, each scored by the similarity with boost 1. */
  private static Postings postings(IndexSearcher searcher, String field, Similarity similarity)
      throws IOException {
    CollectionStatistics collection = searcher.collectionStatistics(field);
    if (collection == null) {
      return new Postings(Map.of(), new int[0][], new float[0][]);
    }
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    // Statistics are the whole index's, summed over segments, as IndexSearcher computes them.
    Map<BytesRef, TermBuild> terms = new HashMap<>();
    forEachTerm(
        leaves,
        field,
        (leaf, it, term) -> {
          TermBuild build = terms.computeIfAbsent(BytesRef.deepCopyOf(term), k -> new TermBuild());
          build.docFreq += it.docFreq();
          build.totalTermFreq += it.totalTermFreq();
        });
    forEachTerm(
        leaves,
        field,
        (leaf, it, term) -> {
          TermBuild build = terms.get(term);
          if (build.docs == null) {
            build.docs = new int[build.docFreq];
            build.scores = new float[build.docFreq];
            build.scorer =
                similarity.scorer(
                    1f, collection, new TermStatistics(term, build.docFreq, build.totalTermFreq));
          }
          // Norms are read in document order within each term: a fresh iterator per term.
          NumericDocValues norms = leaf.reader().getNormValues(field);
          PostingsEnum postings = it.postings(null, PostingsEnum.FREQS);
          for (int doc = postings.nextDoc();
              doc != DocIdSetIterator.NO_MORE_DOCS;
              doc = postings.nextDoc()) {
            long norm = norms != null && norms.advanceExact(doc) ? norms.longValue() : 1L;
            build.docs[build.filled] = leaf.docBase + doc;
            build.scores[build.filled] = build.scorer.score(postings.freq(), norm);
            build.filled++;
          }
        });
    Map<String, Integer> termIds = new HashMap<>(terms.size() * 2);
    int[][] docs = new int[terms.size()][];
    float[][] scores = new float[terms.size()][];
    for (Map.Entry<BytesRef, TermBuild> e : terms.entrySet()) {
      int id = termIds.size();
      termIds.put(e.getKey().utf8ToString(), id);
      docs[id] = e.getValue().docs;
      scores[id] = e.getValue().scores;
    }
    return new Postings(termIds, docs, scores);
  }

  /** What to do with each term of a field, in each segment that has the field. */
  private interface TermVisitor {
    void visit(LeafReaderContext leaf, TermsEnum it, BytesRef term) throws IOException;
  }

  private static void forEachTerm(List<LeafReaderContext> leaves, String field, TermVisitor visitor)
      throws IOException {
    for (LeafReaderContext leaf : leaves) {
      Terms terms = leaf.reader().terms(field);
      if (terms == null) {
        continue;
      }
      TermsEnum it = terms.iterator();
      for (BytesRef term = it.next(); term != null; term = it.next()) {
        visitor.visit(leaf, it, term);
      }
    }
  }

  /** A term's statistics and postings while they are copied out of the index. */
  private static final class TermBuild {
    int docFreq;
    long totalTermFreq;
    int[] docs;
    float[] scores;
    int filled;
    Similarity.SimScorer scorer;
  }

  /** Replays analysed tokens into the index. */
  private static final class Replay extends TokenStream {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute increment =
        addAttribute(PositionIncrementAttribute.class);
    private final Tokens tokens;
    private int next;

    Replay(Tokens tokens) {
      this.tokens = tokens;
    }

    @Override
    public boolean incrementToken() {
      if (next == tokens.terms().length) {
        return false;
      }
      clearAttributes();
      term.setEmpty().append(tokens.terms()[next]);
      increment.setPositionIncrement(tokens.increments()[next]);
      next++;
      return true;
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      next = 0;
    }
  }
}
