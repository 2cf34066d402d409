package io.github.huashu.analyzers;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.tests.analysis.BaseTokenStreamTestCase;
import org.apache.lucene.tests.util.TestUtil;

/**
 * Lucene's own conformance suite for the analyzers: exact tokens and offsets on curated shopper
 * questions, and random text through {@code checkRandomData} (TokenStream contract, offsets, graph
 * consistency, several threads).
 */
public class TestChineseAnalyzersConformance extends BaseTokenStreamTestCase {

  private static Analyzer shop(ChineseAnalyzers.Segmenter segmenter) {
    return shop(segmenter, ChineseAnalyzers.Mode.QUERY);
  }

  private static Analyzer shop(ChineseAnalyzers.Segmenter segmenter, ChineseAnalyzers.Mode mode) {
    return ChineseAnalyzers.builder()
        .segmenter(segmenter)
        .mode(mode)
        .customWords(List.of("七天无理由", "运费险", "iphone15"))
        .synonyms(List.of(List.of("退款", "退钱"), List.of("快递", "包裹")))
        .build();
  }

  public void testHanlp_simplified() throws Exception {
    assertAnalyzesTo(
        ChineseAnalyzers.hanlp(),
        "我要退货",
        new String[] {"我", "要", "退货"},
        new int[] {0, 1, 2},
        new int[] {1, 2, 4});
  }

  public void testHanlp_traditionalOffsetsPointIntoTheOriginal() throws Exception {
    assertAnalyzesTo(
        ChineseAnalyzers.hanlp(),
        "請問我要退貨，運費誰出",
        new String[] {"我", "要", "退货", "运费", "谁", "出"},
        new int[] {2, 3, 4, 7, 9, 10},
        new int[] {3, 4, 6, 9, 10, 11});
  }

  public void testHanlp_fullWidth() throws Exception {
    assertAnalyzesTo(
        ChineseAnalyzers.hanlp(),
        "ＩＰＨＯＮＥ１５退货",
        new String[] {"iphone", "15", "退货"},
        new int[] {0, 6, 8},
        new int[] {6, 8, 10});
  }

  public void testHanlp_customWordsAndSynonyms() throws Exception {
    Analyzer analyzer = shop(ChineseAnalyzers.Segmenter.HANLP);
    assertAnalyzesTo(
        analyzer,
        "iPhone15七天无理由退钱",
        new String[] {"iphone15", "七天无理由", "退款"},
        new int[] {0, 8, 13},
        new int[] {8, 13, 15});
  }

  public void testHanlp_orderNumberStaysWhole() throws Exception {
    assertAnalyzesTo(
        ChineseAnalyzers.hanlp(),
        "订单20231205887怎么取消",
        new String[] {"订单", "20231205887", "怎么", "取消"},
        new int[] {0, 2, 13, 15},
        new int[] {2, 13, 15, 17});
  }

  public void testSmartcn_traditionalAndCustomWords() throws Exception {
    Analyzer analyzer = shop(ChineseAnalyzers.Segmenter.SMARTCN);
    assertAnalyzesTo(
        analyzer,
        "運費險怎麼賠",
        new String[] {"运费险", "怎么", "赔"},
        new int[] {0, 3, 5},
        new int[] {3, 5, 6});
  }

  public void testRandom_hanlp() throws Exception {
    checkRandomData(random(), shop(ChineseAnalyzers.Segmenter.HANLP), 200 * RANDOM_MULTIPLIER);
  }

  public void testRandom_smartcn() throws Exception {
    checkRandomData(random(), shop(ChineseAnalyzers.Segmenter.SMARTCN), 200 * RANDOM_MULTIPLIER);
  }

  public void testHanlpIndexMode_addsTheWordsInsideLongWords() throws Exception {
    assertAnalyzesTo(
        ChineseAnalyzers.builder().mode(ChineseAnalyzers.Mode.INDEX).build(),
        "增值税发票",
        new String[] {"增值税", "增值", "发票"},
        new int[] {0, 0, 3},
        new int[] {3, 2, 5},
        new int[] {1, 1, 1});
  }

  public void testSmartcnIndexMode_keepsThePartsOfCustomWords() throws Exception {
    assertAnalyzesTo(
        shop(ChineseAnalyzers.Segmenter.SMARTCN, ChineseAnalyzers.Mode.INDEX),
        "运费险",
        new String[] {"运费险", "运费", "险"},
        new int[] {0, 0, 2},
        new int[] {3, 2, 3},
        new int[] {1, 1, 1});
  }

  public void testRandom_hanlpIndexMode() throws Exception {
    Analyzer analyzer = shop(ChineseAnalyzers.Segmenter.HANLP, ChineseAnalyzers.Mode.INDEX);
    checkRandomData(random(), analyzer, 200 * RANDOM_MULTIPLIER);
  }

  public void testRandom_smartcnIndexMode() throws Exception {
    Analyzer analyzer = shop(ChineseAnalyzers.Segmenter.SMARTCN, ChineseAnalyzers.Mode.INDEX);
    checkRandomData(random(), analyzer, 200 * RANDOM_MULTIPLIER);
  }

  public void testBuildBoth_randomTextIndexedThenQueried_queryAnalyzersOwnTokens()
      throws Exception {
    ChineseAnalyzers.QueryAndIndex both =
        ChineseAnalyzers.builder()
            .customWords(List.of("七天无理由", "运费险", "iphone15"))
            .synonyms(List.of(List.of("退款", "退钱"), List.of("快递", "包裹")))
            .buildBoth();
    Analyzer query = shop(ChineseAnalyzers.Segmenter.HANLP);
    Analyzer index = shop(ChineseAnalyzers.Segmenter.HANLP, ChineseAnalyzers.Mode.INDEX);
    for (int i = 0; i < 300 * RANDOM_MULTIPLIER; i++) {
      String text =
          random().nextBoolean()
              ? TestUtil.randomRealisticUnicodeString(random(), 40)
              : TestUtil.randomUnicodeString(random(), 40);

      assertEquals(
          text,
          ChineseAnalyzersTest.described(index, text),
          ChineseAnalyzersTest.described(both.index(), text));
      assertEquals(
          text,
          ChineseAnalyzersTest.described(query, text),
          ChineseAnalyzersTest.described(both.query(), text));
    }
  }

  private static Analyzer spelling() {
    PinyinSpeller speller =
        PinyinSpeller.of(Map.of("退款", 5, "退货", 9, "发票", 3), Set.of(), List.of("我要退货", "开发票"));
    return ChineseAnalyzers.builder().speller(speller).build();
  }

  public void testSpeller_offsetsPointIntoWhatWasTyped() throws Exception {
    assertAnalyzesTo(
        spelling(),
        "tui款到了没 推货",
        new String[] {"退款", "到", "没", "退货"},
        new int[] {0, 4, 6, 8},
        new int[] {4, 5, 7, 10});
  }

  public void testRandom_speller() throws Exception {
    checkRandomData(random(), spelling(), 200 * RANDOM_MULTIPLIER);
  }

  public void testRandom_bigrams() throws Exception {
    checkRandomData(random(), ChineseAnalyzers.bigrams(), 200 * RANDOM_MULTIPLIER);
  }

  public void testRandomHugeStrings_hanlp() throws Exception {
    checkRandomData(random(), shop(ChineseAnalyzers.Segmenter.HANLP), 10 * RANDOM_MULTIPLIER, 8192);
  }
}
