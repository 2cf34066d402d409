package io.github.huashu.internal.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * An in-memory Lucene index of example questions (and of each intent's name and terms), searched
 * with BM25. Queries are built from analysed tokens as term queries: shopper text never reaches a
 * query parser. Thread-safe after construction: {@link IndexSearcher} is.
 */
final class ExampleIndex {

  static final String WORDS = "w";
  static final String BIGRAMS = "c";
  private static final String INTENT = "intent";
  private static final String EXAMPLE = "example";
  /** Character bigrams count less than words: they match more by chance. */
  private static final float BIGRAM_BOOST = 0.5f;
  /** Bounds the clauses of one query, well under Lucene's limit of 1024. */
  private static final int MAX_CLAUSES = 128;

  /** A document to index: the intent it belongs to and, for an example, its ordinal (else -1). */
  record Doc(int intent, int example, String text) {}

  /** A retrieved document. */
  record Hit(int intent, int example, float score) {}

  private final IndexSearcher searcher;
  /**
   * Per term of the index, where its postings are: looked up once, then every query skips the
   * term-dictionary seek that dominated retrieval time. Bounded by the index's vocabulary (terms
   * the index lacks are not kept).
   */
  private final ConcurrentHashMap<Term, TermStates> termStates = new ConcurrentHashMap<>();
  private final int[] docIntent;
  private final int[] docExample;

  ExampleIndex(List<Doc> docs, Analyzer words, Analyzer bigrams) {
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    Analyzer perField = new PerFieldAnalyzerWrapper(words, Map.of(BIGRAMS, bigrams));
    IndexWriterConfig config =
        new IndexWriterConfig(perField).setSimilarity(new BM25Similarity()).setCommitOnClose(true);
    try {
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        for (Doc doc : docs) {
          Document d = new Document();
          d.add(new TextField(WORDS, doc.text(), Field.Store.NO));
          d.add(new TextField(BIGRAMS, doc.text(), Field.Store.NO));
          d.add(new NumericDocValuesField(INTENT, doc.intent()));
          d.add(new NumericDocValuesField(EXAMPLE, doc.example()));
          writer.addDocument(d);
        }
      }
      DirectoryReader reader = DirectoryReader.open(directory);
      docIntent = new int[reader.maxDoc()];
      docExample = new int[reader.maxDoc()];
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
      searcher = new IndexSearcher(reader);
      searcher.setSimilarity(new BM25Similarity());
      searcher.setQueryCache(null);
    } catch (IOException e) {
      throw new UncheckedIOException("building an in-memory index failed", e);
    }
  }

  /** The best {@code n} documents for the analysed text, best first. */
  Hit[] search(Featurizer.Text text, int n) {
    try {
      Query query = query(text);
      if (query == null) {
        return new Hit[0];
      }
      // Only the top n matter: no need to count every hit.
      ScoreDoc[] docs = searcher.search(query, new TopScoreDocCollectorManager(n, null, n)).scoreDocs;
      Hit[] hits = new Hit[docs.length];
      for (int i = 0; i < docs.length; i++) {
        hits[i] = new Hit(docIntent[docs[i].doc], docExample[docs[i].doc], docs[i].score);
      }
      return hits;
    } catch (IOException e) {
      throw new UncheckedIOException("searching an in-memory index failed", e);
    }
  }

  private Query query(Featurizer.Text text) throws IOException {
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    int clauses = 0;
    for (String token : limit(text.tokens())) {
      Query term = termQuery(new Term(WORDS, token));
      if (term != null) {
        builder.add(term, BooleanClause.Occur.SHOULD);
        clauses++;
      }
    }
    for (String bigram : limit(text.bigrams())) {
      Query term = termQuery(new Term(BIGRAMS, bigram));
      if (term != null) {
        builder.add(new BoostQuery(term, BIGRAM_BOOST), BooleanClause.Occur.SHOULD);
        clauses++;
      }
    }
    return clauses == 0 ? null : builder.build();
  }

  /** A term query with its postings located, or null if no document has the term. */
  private Query termQuery(Term term) throws IOException {
    TermStates states = termStates.get(term);
    if (states == null) {
      states = TermStates.build(searcher, term, true);
      if (states.docFreq() == 0) {
        return null;
      }
      termStates.putIfAbsent(term, states);
    }
    return new TermQuery(term, states);
  }

  private static Set<String> limit(List<String> tokens) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String token : tokens) {
      if (distinct.size() == MAX_CLAUSES / 2) {
        break;
      }
      distinct.add(token);
    }
    return distinct;
  }

  @Override
  public String toString() {
    return "ExampleIndex[" + docIntent.length + " docs, intents " + Arrays.stream(docIntent).distinct().count() + "]";
  }
}
