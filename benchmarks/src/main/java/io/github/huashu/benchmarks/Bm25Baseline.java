package io.github.huashu.benchmarks;

import io.github.huashu.Intent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The plain way to build an FAQ matcher, for comparison: every example in a Lucene index analysed
 * with {@link SmartChineseAnalyzer}, BM25, and the intent of the nearest example wins. Thread-safe
 * after construction.
 */
public final class Bm25Baseline {

  private final Analyzer analyzer = new SmartChineseAnalyzer();
  private final IndexSearcher searcher;
  private final String[] docIntent;

  public Bm25Baseline(List<Intent> intents) {
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
      for (int i = 0; i < intents.size(); i++) {
        for (String example : intents.get(i).examples()) {
          Document d = new Document();
          d.add(new TextField("text", example, Field.Store.NO));
          d.add(new NumericDocValuesField("intent", i));
          writer.addDocument(d);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      DirectoryReader reader = DirectoryReader.open(directory);
      docIntent = new String[reader.maxDoc()];
      for (LeafReaderContext leaf : reader.leaves()) {
        NumericDocValues values = leaf.reader().getNumericDocValues("intent");
        for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
          values.advanceExact(doc);
          docIntent[leaf.docBase + doc] = intents.get((int) values.longValue()).id();
        }
      }
      searcher = new IndexSearcher(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    searcher.setSimilarity(new BM25Similarity());
  }

  /** The intent ids of the nearest examples, best first (with repeats removed), at most n. */
  public List<String> rank(String question, int n) {
    try {
      Query query = new QueryParser("text", analyzer).parse(QueryParser.escape(question));
      ScoreDoc[] hits = searcher.search(query, 10 * n).scoreDocs;
      return java.util.Arrays.stream(hits).map(h -> docIntent[h.doc]).distinct().limit(n).toList();
    } catch (ParseException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
