package io.github.huashu.internal.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.huashu.analyzers.ChineseAnalyzers;
import io.github.huashu.analyzers.ChineseNormalizer;
import io.github.huashu.analyzers.PinyinSpeller;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.index.IndexWriterConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The packed BM25 search against Lucene's IndexSearcher on the same index and query. */
class ExampleIndexTest {

  private static final String[] EXAMPLES = {
    "七天无理由退货怎么退", "拆封了还能退货吗", "退货运费谁出", "换货运费谁承担", "退款多久到账",
    "退款怎么还没到", "快递到哪了", "物流好几天没更新了", "能不能改地址", "收货地址写错了",
    "发票怎么开", "可以开专票吗", "优惠券用不了", "满减怎么没生效", "商品有质量问题",
    "收到的东西坏了", "少发了一件", "发错货了", "什么时候发货", "能加急发货吗",
    "会员积分怎么用", "积分过期了吗", "怎么修改手机号", "账号被盗了", "支付失败怎么办",
    "扣款了订单没生成", "价格保护怎么申请", "买贵了能退差价吗", "赠品没收到", "尺码不合适能换吗",
    "退货退款", "退货", "运费险怎么理赔", "运费险", "快递员态度差", "快递放驿站了没通知",
    "我要投诉", "找人工客服", "订单怎么取消", "取消订单后多久退款",
  };

  private static final String[] QUESTIONS = {
    "七天无理由退货 拆封了还能退吗", "退货的运费谁出", "退款", "快递", "发票", "换货", "积分",
    "怎么还没发货啊", "东西坏了怎么办", "运费险理赔多久到账", "订单取消了钱什么时候退",
    "iPhone15 退货", "完全无关的天气问题", "的", "退退退退退款款款款",
  };

  private static final Featurizer FEATURIZER =
      new Featurizer(
          ChineseAnalyzers.hanlp(),
          ChineseAnalyzers.builder().mode(ChineseAnalyzers.Mode.INDEX).build(),
          ChineseAnalyzers.bigrams(),
          PinyinSpeller.NONE);

  @ParameterizedTest
  @ValueSource(ints = {IndexWriterConfig.DISABLE_AUTO_FLUSH, 7})
  void ranksAsLuceneDoes(int flushEvery) throws IOException {
    List<ExampleIndex.Doc> docs = new ArrayList<>();
    for (int i = 0; i < EXAMPLES.length; i++) {
      docs.add(new ExampleIndex.Doc(i / 3, i % 3, ChineseNormalizer.normalize(EXAMPLES[i])));
    }
    docs.add(new ExampleIndex.Doc(99, -1, ""));
    ExampleIndex index =
        new ExampleIndex(
            docs, FEATURIZER.indexAnalyzer(), FEATURIZER.bigramAnalyzer(), true, flushEvery);
    List<String> questions = new ArrayList<>(List.of(QUESTIONS));
    assertSameRanking(index, questions);
  }

  /**
   * Thousands of documents that share common words, where most queries stop walking the long
   * postings early (pruning): still Lucene's ranking.
   */
  @Test
  void prunedSearchRanksAsLuceneDoes() throws IOException {
    Random random = new Random(7);
    List<ExampleIndex.Doc> docs = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      docs.add(new ExampleIndex.Doc(i / 10, i % 10, ChineseNormalizer.normalize(mix(random, 3))));
    }
    ExampleIndex index =
        new ExampleIndex(
            docs, FEATURIZER.indexAnalyzer(), FEATURIZER.bigramAnalyzer(), true,
            IndexWriterConfig.DISABLE_AUTO_FLUSH);
    List<String> questions = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      questions.add(mix(random, 1 + random.nextInt(3)));
    }
    assertSameRanking(index, questions);
  }

  /** A few examples run together, a product and a number: documents with much in common. */
  private static String mix(Random random, int parts) {
    String[] products = {"iPhone15", "空气炸锅", "羽绒服", "洗衣机", "猫粮", "口红", "跑鞋"};
    StringBuilder out = new StringBuilder();
    for (int p = 0; p < parts; p++) {
      out.append(EXAMPLES[random.nextInt(EXAMPLES.length)]).append('，');
    }
    return out.append(products[random.nextInt(products.length)]).append(random.nextInt(50)).toString();
  }

  private static void assertSameRanking(ExampleIndex index, List<String> questions)
      throws IOException {
    int matched = 0;
    for (String question : questions) {
      Featurizer.Text text = FEATURIZER.analyze(ChineseNormalizer.normalize(question));
      for (int n : new int[] {1, 5, 40}) {
        ExampleIndex.Hit[] lucene = index.searchWithLucene(text, n);
        // Pruning always (0) and never: both must give Lucene's ranking.
        assertSameHits(lucene, index.search(text, n, 0), question + " pruned, top " + n);
        ExampleIndex.Hit[] all = index.search(text, n, Integer.MAX_VALUE);
        assertSameHits(lucene, all, question + " top " + n);
        matched += all.length;
      }
      // Scratch state is reset between searches: the same question scores the same again.
      assertSameHits(index.searchWithLucene(text, 40), index.search(text, 40), question + " again");
    }
    assertTrue(matched > 100, "the questions must match something: " + matched);
  }

  private static void assertSameHits(ExampleIndex.Hit[] lucene, ExampleIndex.Hit[] ours, String what) {
    assertEquals(lucene.length, ours.length, what);
    for (int i = 0; i < ours.length; i++) {
      String at = what + " #" + i;
      assertEquals(lucene[i].score(), ours[i].score(), 1e-5f * lucene[i].score(), at);
      // Equal scores may be summed in another order: compare documents where scores differ.
      boolean tiedBefore = i > 0 && Math.abs(lucene[i].score() - lucene[i - 1].score()) <= 1e-4f;
      boolean tiedAfter =
          i + 1 < ours.length && Math.abs(lucene[i].score() - lucene[i + 1].score()) <= 1e-4f;
      if (!tiedBefore && !tiedAfter) {
        assertEquals(lucene[i].intent(), ours[i].intent(), at);
        assertEquals(lucene[i].example(), ours[i].example(), at);
      }
    }
  }
}
