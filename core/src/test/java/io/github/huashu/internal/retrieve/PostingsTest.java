package io.github.huashu.internal.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.huashu.analyzers.ChineseAnalyzers;
import io.github.huashu.analyzers.ChineseNormalizer;
import io.github.huashu.internal.features.StringIds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
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
import org.junit.jupiter.api.Test;

/**
 * The postings against those of a Lucene index of the same tokens, written by {@link IndexWriter}
 * in several segments and read back: the same terms, documents and scores, bit for bit.
 */
class PostingsTest {

  @Test
  void build_examplesWithSynonymsAndAnEmptyText_scoresAsALuceneIndex() throws IOException {
    List<String> texts = new ArrayList<>();
    for (String example : ExampleIndexTest.EXAMPLES) {
      texts.add(ChineseNormalizer.normalize(example));
    }
    texts.add("");
    texts.add("退钱 退款 返款 退钱退钱");
    assertSameAsLucene(texts);
  }

  @Test
  void build_thousandsOfSimilarTexts_scoresAsALuceneIndex() throws IOException {
    Random random = new Random(11);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      texts.add(ChineseNormalizer.normalize(ExampleIndexTest.mix(random, 1 + random.nextInt(4))));
    }
    assertSameAsLucene(texts);
  }

  @Test
  void build_stackedTokensAndGaps_discountsOverlapsAsLucene() throws IOException {
    Random random = new Random(5);
    String[] words = {"退货", "退", "货", "运费", "运", "费", "险"};
    List<ExampleIndex.Doc> docs = new ArrayList<>();
    for (int d = 0; d < 60; d++) {
      int n = 1 + random.nextInt(12);
      String[] terms = new String[n];
      int[] increments = new int[n];
      for (int i = 0; i < n; i++) {
        terms[i] = words[random.nextInt(words.length)];
        // Some tokens share the previous one's position, some skip one (a removed stopword).
        increments[i] = i == 0 ? 1 + random.nextInt(2) : random.nextInt(3);
      }
      Tokens tokens = new Tokens(terms, increments);
      docs.add(new ExampleIndex.Doc(d, 0, tokens, new Tokens(new String[0], new int[0])));
    }
    assertSamePostings(Postings.build(docs).words(), lucene(docs).get(Postings.WORDS));
  }

  @Test
  void build_loneSurrogates_areOneTermAsInLucene() throws IOException {
    Analyzer whitespace = new WhitespaceAnalyzer();
    List<ExampleIndex.Doc> docs = new ArrayList<>();
    for (String text : List.of("a\uD800 b", "a\uD801 a\uD800", "a\uFFFD c", "b c")) {
      Tokens tokens = Tokens.of(whitespace, text);
      docs.add(new ExampleIndex.Doc(docs.size(), 0, tokens, tokens));
    }
    Postings.Fields ours = Postings.build(docs);
    assertThat(ours.words().terms.strings()).containsExactlyInAnyOrder("a\uFFFD", "b", "c");
    assertSamePostings(ours.words(), lucene(docs).get(Postings.WORDS));
  }

  private static void assertSameAsLucene(List<String> texts) throws IOException {
    Analyzer bigrams = ChineseAnalyzers.bigrams();
    List<ExampleIndex.Doc> docs = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      docs.add(
          new ExampleIndex.Doc(
              i / 3,
              i % 3,
              Tokens.of(ExampleIndexTest.INDEX_WORDS, texts.get(i)),
              Tokens.of(bigrams, texts.get(i))));
    }
    Postings.Fields ours = Postings.build(docs);
    Map<String, Postings> lucene = lucene(docs);
    assertSamePostings(ours.words(), lucene.get(Postings.WORDS));
    assertSamePostings(ours.bigrams(), lucene.get(Postings.BIGRAMS));
    for (int d = 0; d < docs.size(); d++) {
      assertThat(ours.docIntent()[d]).isEqualTo(d / 3);
      assertThat(ours.docExample()[d]).isEqualTo(d % 3);
    }
  }

  private static void assertSamePostings(Postings ours, Postings lucene) {
    assertThat(ours.terms.strings()).containsExactlyInAnyOrderElementsOf(lucene.terms.strings());
    assertThat(ours.terms.size()).isPositive();
    for (int theirs = 0; theirs < lucene.terms.size(); theirs++) {
      String term = lucene.terms.string(theirs);
      int id = ours.terms.id(term);
      assertThat(ours.docs[id]).as(term).isEqualTo(lucene.docs[theirs]);
      // Bit for bit: the same statistics, norms and scorer give the same floats.
      assertThat(ours.scores[id]).as(term).isEqualTo(lucene.scores[theirs]);
      assertThat(ours.maxScores[id]).isEqualTo(lucene.maxScores[theirs]);
    }
  }

  /** Per field, the postings of a Lucene index of the documents (flushed every 3 documents). */
  private static Map<String, Postings> lucene(List<ExampleIndex.Doc> docs) throws IOException {
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    BM25Similarity similarity = new BM25Similarity();
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setSimilarity(similarity)
            .setMaxBufferedDocs(3)
            .setMergePolicy(NoMergePolicy.INSTANCE);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (ExampleIndex.Doc doc : docs) {
        Document d = new Document();
        d.add(new TextField(Postings.WORDS, new Replay(doc.words())));
        d.add(new TextField(Postings.BIGRAMS, new Replay(doc.bigrams())));
        writer.addDocument(d);
      }
    }
    try (DirectoryReader reader = DirectoryReader.open(directory)) {
      assertThat(reader.leaves()).hasSizeGreaterThan(1);
      IndexSearcher searcher = new IndexSearcher(reader);
      searcher.setSimilarity(similarity);
      Map<String, Postings> fields = new HashMap<>();
      for (String field : List.of(Postings.WORDS, Postings.BIGRAMS)) {
        fields.put(field, postings(searcher, field, similarity));
      }
      return fields;
    }
  }

  /** A field's postings copied out of the index, scored by the similarity with boost 1. */
  private static Postings postings(IndexSearcher searcher, String field, Similarity similarity)
      throws IOException {
    CollectionStatistics collection = searcher.collectionStatistics(field);
    Map<String, List<Integer>> docs = new HashMap<>();
    Map<String, List<Float>> scores = new HashMap<>();
    Map<String, long[]> statistics = new HashMap<>();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Terms terms = leaf.reader().terms(field);
      if (terms == null) {
        continue;
      }
      TermsEnum it = terms.iterator();
      for (BytesRef term = it.next(); term != null; term = it.next()) {
        long[] stats = statistics.computeIfAbsent(term.utf8ToString(), k -> new long[2]);
        stats[0] += it.docFreq();
        stats[1] += it.totalTermFreq();
      }
    }
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Terms terms = leaf.reader().terms(field);
      if (terms == null) {
        continue;
      }
      TermsEnum it = terms.iterator();
      for (BytesRef term = it.next(); term != null; term = it.next()) {
        String text = term.utf8ToString();
        long[] stats = statistics.get(text);
        Similarity.SimScorer scorer =
            similarity.scorer(
                1f, collection, new TermStatistics(BytesRef.deepCopyOf(term), stats[0], stats[1]));
        NumericDocValues norms = leaf.reader().getNormValues(field);
        PostingsEnum postings = it.postings(null, PostingsEnum.FREQS);
        for (int doc = postings.nextDoc();
            doc != DocIdSetIterator.NO_MORE_DOCS;
            doc = postings.nextDoc()) {
          long norm = norms != null && norms.advanceExact(doc) ? norms.longValue() : 1L;
          docs.computeIfAbsent(text, k -> new ArrayList<>()).add(leaf.docBase + doc);
          scores
              .computeIfAbsent(text, k -> new ArrayList<>())
              .add(scorer.score(postings.freq(), norm));
        }
      }
    }
    List<String> terms = new ArrayList<>(docs.keySet());
    int[][] docArrays = new int[docs.size()][];
    float[][] scoreArrays = new float[docs.size()][];
    for (int id = 0; id < terms.size(); id++) {
      String term = terms.get(id);
      docArrays[id] = docs.get(term).stream().mapToInt(Integer::intValue).toArray();
      List<Float> termScores = scores.get(term);
      scoreArrays[id] = new float[termScores.size()];
      for (int i = 0; i < termScores.size(); i++) {
        scoreArrays[id][i] = termScores.get(i);
      }
    }
    return new Postings(StringIds.of(terms), docArrays, scoreArrays);
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
