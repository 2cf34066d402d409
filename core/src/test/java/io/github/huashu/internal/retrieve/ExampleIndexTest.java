package io.github.huashu.internal.retrieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.huashu.analyzers.ChineseAnalyzers;
import io.github.huashu.analyzers.ChineseNormalizer;
import io.github.huashu.analyzers.PinyinSpeller;
import io.github.huashu.internal.features.Featurizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * The packed BM25 search against plain Lucene: an index built from the texts by the analyzers
 * themselves, searched by {@link IndexSearcher} with the same boolean query.
 */
class ExampleIndexTest {

  static final String[] EXAMPLES = {
    "七天无理由退货怎么退",
    "拆封了还能退货吗",
    "退货运费谁出",
    "换货运费谁承担",
    "退款多久到账",
    "退款怎么还没到",
    "快递到哪了",
    "物流好几天没更新了",
    "能不能改地址",
    "收货地址写错了",
    "发票怎么开",
    "可以开专票吗",
    "优惠券用不了",
    "满减怎么没生效",
    "商品有质量问题",
    "收到的东西坏了",
    "少发了一件",
    "发错货了",
    "什么时候发货",
    "能加急发货吗",
    "会员积分怎么用",
    "积分过期了吗",
    "怎么修改手机号",
    "账号被盗了",
    "支付失败怎么办",
    "扣款了订单没生成",
    "价格保护怎么申请",
    "买贵了能退差价吗",
    "赠品没收到",
    "尺码不合适能换吗",
    "退货退款",
    "退货",
    "运费险怎么理赔",
    "运费险",
    "快递员态度差",
    "快递放驿站了没通知",
    "我要投诉",
    "找人工客服",
    "订单怎么取消",
    "取消订单后多久退款",
  };

  private static final String[] QUESTIONS = {
    "七天无理由退货 拆封了还能退吗",
    "退货的运费谁出",
    "退款",
    "快递",
    "发票",
    "换货",
    "积分",
    "怎么还没发货啊",
    "东西坏了怎么办",
    "运费险理赔多久到账",
    "订单取消了钱什么时候退",
    "iPhone15 退货",
    "完全无关的天气问题",
    "的",
    "退退退退退款款款款",
  };

  /**
   * Index mode with a synonym group, so that some tokens share a position (norms discount them).
   */
  static final Analyzer INDEX_WORDS =
      ChineseAnalyzers.builder()
          .mode(ChineseAnalyzers.Mode.INDEX)
          .synonyms(List.of(List.of("退款", "退钱", "返款")))
          .build();

  private static final Featurizer FEATURIZER =
      new Featurizer(
          ChineseAnalyzers.hanlp(), INDEX_WORDS, ChineseAnalyzers.bigrams(), PinyinSpeller.NONE);

  @Test
  void ranksAsLuceneDoes() throws IOException {
    List<String> texts = new ArrayList<>();
    for (String example : EXAMPLES) {
      texts.add(ChineseNormalizer.normalize(example));
    }
    texts.add("");
    assertSameRanking(texts, 3, List.of(QUESTIONS));
  }

  /**
   * Thousands of documents that share common words, where queries stop walking the long postings
   * early (pruning): still Lucene's ranking.
   */
  @Test
  void prunedSearchRanksAsLuceneDoes() throws IOException {
    Random random = new Random(7);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      texts.add(ChineseNormalizer.normalize(mix(random, 3)));
    }
    List<String> questions = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      questions.add(mix(random, 1 + random.nextInt(3)));
    }
    assertSameRanking(texts, 10, questions);
  }

  /**
   * More documents than one window of the pruned search holds (16,384), their words drifting along
   * the index as intents' words do: terms absent from one window and common in the next, walked in
   * one window and left out in another, and a score to beat carried from window to window. Still
   * Lucene's ranking.
   */
  @Test
  void prunedSearch_manyWindows_ranksAsLuceneDoes() throws IOException {
    Random random = new Random(11);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 40_000; i++) {
      texts.add(ChineseNormalizer.normalize(drifting(random, i, 1 + random.nextInt(3))));
    }
    List<String> questions = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      questions.add(mix(random, 1 + random.nextInt(3)));
    }
    assertSameRanking(texts, 13, questions);
  }

  /**
   * Asking for more hits than there are documents ranks every match, pruned or not, and allocates
   * for the documents, not for the number asked.
   */
  @Test
  void search_moreHitsThanDocuments_everyMatchRanked() {
    Random random = new Random(12);
    List<ExampleIndex.Doc> docs = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String text = ChineseNormalizer.normalize(mix(random, 2));
      docs.add(
          new ExampleIndex.Doc(
              i,
              -1,
              Tokens.of(FEATURIZER.indexAnalyzer(), text),
              Tokens.of(FEATURIZER.bigramAnalyzer(), text)));
    }
    ExampleIndex index = new ExampleIndex(docs);
    Featurizer.Text text = FEATURIZER.analyze(ChineseNormalizer.normalize(mix(random, 2)));
    ExampleIndex.Hit[] all = index.search(text, docs.size(), Integer.MAX_VALUE);
    assertTrue(all.length > 100, "the question must match many documents: " + all.length);
    for (int pruneFrom : new int[] {0, Integer.MAX_VALUE}) {
      ExampleIndex.Hit[] hits = index.search(text, Integer.MAX_VALUE, pruneFrom);
      assertEquals(all.length, hits.length);
      for (int i = 0; i < hits.length; i++) {
        assertEquals(all[i].score(), hits[i].score(), 1e-5f * hits[i].score());
      }
    }
  }

  /**
   * Skipping documents gives the best of the others, as the whole ranking does without them, pruned
   * or not.
   */
  @Test
  void search_skippedDocuments_theBestOfTheOthers() {
    assertSkippedGiveTheBestOfTheOthers(2000, new Random(9));
  }

  /** As {@link #search_skippedDocuments_theBestOfTheOthers}, over three windows of documents. */
  @Test
  void search_skippedDocumentsManyWindows_theBestOfTheOthers() {
    assertSkippedGiveTheBestOfTheOthers(40_000, new Random(10));
  }

  private static void assertSkippedGiveTheBestOfTheOthers(int size, Random random) {
    List<ExampleIndex.Doc> docs = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String text = ChineseNormalizer.normalize(drifting(random, i, 2));
      docs.add(
          new ExampleIndex.Doc(
              i / 10,
              i % 10,
              Tokens.of(FEATURIZER.indexAnalyzer(), text),
              Tokens.of(FEATURIZER.bigramAnalyzer(), text)));
    }
    ExampleIndex index = new ExampleIndex(docs);
    boolean[] skipped = index.documents((intent, example) -> example % 3 == 1 || intent == 7);
    int matched = 0;
    for (int q = 0; q < 40; q++) {
      Featurizer.Text text =
          FEATURIZER.analyze(ChineseNormalizer.normalize(mix(random, 1 + random.nextInt(2))));
      List<ExampleIndex.Hit> others = new ArrayList<>();
      for (ExampleIndex.Hit hit : index.search(text, docs.size(), Integer.MAX_VALUE)) {
        if (hit.example() % 3 != 1 && hit.intent() != 7) {
          others.add(hit);
        }
      }
      for (int n : new int[] {1, 10, 40}) {
        List<ExampleIndex.Hit> expected = others.subList(0, Math.min(n, others.size()));
        for (int pruneFrom : new int[] {0, Integer.MAX_VALUE}) {
          ExampleIndex.Hit[] hits = index.search(text, n, pruneFrom, skipped);
          assertEquals(expected.size(), hits.length);
          for (int i = 0; i < hits.length; i++) {
            assertEquals(expected.get(i).score(), hits[i].score(), 1e-5f * hits[i].score());
            boolean tied =
                (i > 0 && Math.abs(hits[i].score() - hits[i - 1].score()) <= 1e-4f)
                    || (i + 1 < hits.length
                        && Math.abs(hits[i].score() - hits[i + 1].score()) <= 1e-4f);
            if (!tied) {
              assertEquals(expected.get(i).intent(), hits[i].intent());
              assertEquals(expected.get(i).example(), hits[i].example());
            }
          }
          matched += hits.length;
        }
      }
    }
    assertTrue(matched > 500, "the questions must match something: " + matched);
  }

  /** A few examples run together, a product and a number: documents with much in common. */
  static String mix(Random random, int parts) {
    String[] products = {"iPhone15", "空气炸锅", "羽绒服", "洗衣机", "猫粮", "口红", "跑鞋"};
    StringBuilder out = new StringBuilder();
    for (int p = 0; p < parts; p++) {
      out.append(EXAMPLES[random.nextInt(EXAMPLES.length)]).append('，');
    }
    return out.append(products[random.nextInt(products.length)])
        .append(random.nextInt(50))
        .toString();
  }

  /**
   * As {@link #mix}, for the i-th document: examples from a run of ten that moves along {@link
   * #EXAMPLES} every 1,500 documents.
   */
  static String drifting(Random random, int i, int parts) {
    StringBuilder out = new StringBuilder();
    for (int p = 0; p < parts; p++) {
      out.append(EXAMPLES[(i / 1500 + random.nextInt(10)) % EXAMPLES.length]).append('，');
    }
    return out.append(random.nextInt(50)).toString();
  }

  /** Document i is example i % perIntent of intent i / perIntent. */
  private static void assertSameRanking(List<String> texts, int perIntent, List<String> questions)
      throws IOException {
    List<ExampleIndex.Doc> docs = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      docs.add(
          new ExampleIndex.Doc(
              i / perIntent,
              i % perIntent,
              Tokens.of(FEATURIZER.indexAnalyzer(), texts.get(i)),
              Tokens.of(FEATURIZER.bigramAnalyzer(), texts.get(i))));
    }
    ExampleIndex index = new ExampleIndex(docs);
    IndexSearcher lucene = luceneIndex(texts);
    int matched = 0;
    for (String question : questions) {
      Featurizer.Text text = FEATURIZER.analyze(ChineseNormalizer.normalize(question));
      for (int n : new int[] {1, 5, 40}) {
        ScoreDoc[] expected = luceneSearch(lucene, text, n);
        // Pruning always (0) and never: both must give Lucene's ranking.
        assertSameHits(
            expected, index.search(text, n, 0), perIntent, question + " pruned, top " + n);
        ExampleIndex.Hit[] all = index.search(text, n, Integer.MAX_VALUE);
        assertSameHits(expected, all, perIntent, question + " top " + n);
        matched += all.length;
      }
      // Scratch state is reset between searches: the same question scores the same again.
      assertSameHits(luceneSearch(lucene, text, 40), index.search(text, 40), perIntent, question);
    }
    assertTrue(matched > 100, "the questions must match something: " + matched);
  }

  private static IndexSearcher luceneIndex(List<String> texts) throws IOException {
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    Analyzer perField =
        new PerFieldAnalyzerWrapper(
            FEATURIZER.indexAnalyzer(), Map.of(ExampleIndex.BIGRAMS, FEATURIZER.bigramAnalyzer()));
    try (IndexWriter writer =
        new IndexWriter(
            directory, new IndexWriterConfig(perField).setSimilarity(new BM25Similarity()))) {
      for (int i = 0; i < texts.size(); i++) {
        Document d = new Document();
        d.add(new TextField(ExampleIndex.WORDS, texts.get(i), Field.Store.NO));
        d.add(new TextField(ExampleIndex.BIGRAMS, texts.get(i), Field.Store.NO));
        d.add(new StoredField("i", i));
        writer.addDocument(d);
      }
    }
    IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(directory));
    searcher.setSimilarity(new BM25Similarity());
    return searcher;
  }

  private static ScoreDoc[] luceneSearch(IndexSearcher searcher, Featurizer.Text text, int n)
      throws IOException {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    for (String token : ExampleIndex.limit(text.tokens())) {
      query.add(new TermQuery(new Term(ExampleIndex.WORDS, token)), BooleanClause.Occur.SHOULD);
    }
    for (String bigram : ExampleIndex.limit(text.bigrams())) {
      query.add(
          new BoostQuery(new TermQuery(new Term(ExampleIndex.BIGRAMS, bigram)), 0.5f),
          BooleanClause.Occur.SHOULD);
    }
    return searcher.search(query.build(), n).scoreDocs;
  }

  private static void assertSameHits(
      ScoreDoc[] lucene, ExampleIndex.Hit[] ours, int perIntent, String what) {
    assertEquals(lucene.length, ours.length, what);
    for (int i = 0; i < ours.length; i++) {
      String at = what + " #" + i;
      assertEquals(lucene[i].score, ours[i].score(), 1e-5f * lucene[i].score, at);
      // Equal scores may be summed in another order: compare documents where scores differ.
      boolean tiedBefore = i > 0 && Math.abs(lucene[i].score - lucene[i - 1].score) <= 1e-4f;
      boolean tiedAfter =
          i + 1 < ours.length && Math.abs(lucene[i].score - lucene[i + 1].score) <= 1e-4f;
      if (!tiedBefore && !tiedAfter) {
        assertEquals(lucene[i].doc / perIntent, ours[i].intent(), at);
        assertEquals(lucene[i].doc % perIntent, ours[i].example(), at);
      }
    }
  }
}
