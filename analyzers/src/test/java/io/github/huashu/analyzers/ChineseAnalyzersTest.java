package io.github.huashu.analyzers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.hankcs.hanlp.dictionary.CoreDictionary;
import com.hankcs.hanlp.dictionary.CustomDictionary;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.junit.jupiter.api.Test;

class ChineseAnalyzersTest {

  static List<String> tokens(Analyzer analyzer, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("f", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    }
    return out;
  }

  @Test
  void hanlp_dropsFillerAndPunctuation_keepsNegation() throws IOException {
    assertThat(tokens(ChineseAnalyzers.hanlp(), "亲，请问一下不是要退货呢？")).containsExactly("不是", "要", "退货");
  }

  @Test
  void hanlp_traditionalAndFullWidth_sameTokensAsSimplified() throws IOException {
    Analyzer analyzer = ChineseAnalyzers.hanlp();
    assertThat(tokens(analyzer, "我要退貨，ＩＰＨＯＮＥ１５")).isEqualTo(tokens(analyzer, "我要退货,iphone15"));
  }

  @Test
  void hanlp_offsetsPointIntoTheOriginalText() throws IOException {
    String text = "請問我要退貨，運費誰出";
    try (TokenStream ts = ChineseAnalyzers.hanlp().tokenStream("f", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      List<String> seen = new ArrayList<>();
      while (ts.incrementToken()) {
        seen.add(term + "=" + text.substring(offset.startOffset(), offset.endOffset()));
      }
      ts.end();
      assertThat(seen).containsExactly("我=我", "要=要", "退货=退貨", "运费=運費", "谁=誰", "出=出");
    }
  }

  @Test
  void customWords_belongToTheirAnalyzerOnly() throws IOException {
    Analyzer plain = ChineseAnalyzers.hanlp();
    Analyzer shop = ChineseAnalyzers.builder().customWords(List.of("拆封了", "无理由退货")).build();
    Analyzer other = ChineseAnalyzers.builder().customWords(List.of("七天无理由")).build();
    String text = "七天无理由退货拆封了还能退";

    List<String> before = tokens(plain, text);
    assertThat(tokens(shop, text)).contains("无理由退货", "拆封了");
    assertThat(tokens(other, text)).contains("七天无理由").doesNotContain("无理由退货", "拆封了");
    assertThat(tokens(plain, text)).isEqualTo(before).doesNotContain("无理由退货", "拆封了", "七天无理由");
  }

  @Test
  void build_leavesHanLPsSharedDictionaryAsItWas() {
    CoreDictionary.Attribute before = CustomDictionary.DEFAULT.get("运费险");
    assertThat(before).as("运费险 is one of HanLP's own custom words").isNotNull();
    String was = before.toString();

    Analyzer shop = ChineseAnalyzers.builder().customWords(List.of("运费险", "七天无理由")).build();

    assertThat(shop).isNotNull();
    // Neither reloaded (a new attribute) nor given the corpus's attribute.
    assertThat(CustomDictionary.DEFAULT.get("运费险")).isSameAs(before);
    assertThat(before.toString()).isEqualTo(was);
  }

  /**
   * Analyzers are built while others segment: a knowledge base trains or a snapshot opens beside
   * one that serves. Building one once reloaded HanLP's shared dictionary in place, and the words
   * it holds (运费险, 顺丰) fell apart in whatever segmented meanwhile.
   */
  @Test
  void build_whileAnotherAnalyzerSegments_itsTokensStayTheSame() throws Exception {
    Analyzer live = ChineseAnalyzers.builder().customWords(List.of("七天无理由")).build();
    List<String> texts = List.of("运费险怎么理赔", "顺丰快递到付", "淘宝客服态度差", "七天无理由退货运费险");
    Map<String, List<String>> expected = new HashMap<>();
    for (String text : texts) {
      expected.put(text, tokens(live, text));
    }
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread building =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < 8; i++) {
                  ChineseAnalyzers.builder().customWords(List.of("别的店的词" + i)).build();
                }
              } catch (Throwable e) {
                failed.set(e);
              }
            },
            "building");
    Set<String> wrong = new LinkedHashSet<>();
    int asked = 0;

    building.start();
    while (building.isAlive() || asked == 0) {
      for (String text : texts) {
        List<String> got = tokens(live, text);
        asked++;
        if (!got.equals(expected.get(text))) {
          wrong.add(text + " -> " + got);
        }
      }
    }
    building.join(TimeUnit.SECONDS.toMillis(30));

    assertThat(failed.get()).isNull();
    assertThat(wrong).as("of %d segmentations", asked).isEmpty();
  }

  @Test
  void synonyms_mapOntoTheFirstWordOfTheirGroup() throws IOException {
    Analyzer analyzer =
        ChineseAnalyzers.builder().synonyms(List.of(List.of("退款", "退钱", "返款"))).build();

    assertThat(tokens(analyzer, "什么时候退钱")).endsWith("退款").doesNotContain("退钱");
    assertThat(tokens(analyzer, "返款到账了吗")).contains("退款");
  }

  @Test
  void smartcn_customWordsJoinAdjacentTokens() throws IOException {
    Analyzer analyzer =
        ChineseAnalyzers.builder()
            .segmenter(ChineseAnalyzers.Segmenter.SMARTCN)
            .customWords(List.of("运费险"))
            .build();

    assertThat(tokens(ChineseAnalyzers.smartcn(), "运费险怎么赔")).doesNotContain("运费险");
    assertThat(tokens(analyzer, "运费险怎么赔")).startsWith("运费险");
  }

  @Test
  void bigrams_overlapping() throws IOException {
    assertThat(tokens(ChineseAnalyzers.bigrams(), "退貨運費 iPhone"))
        .containsExactly("退货", "货运", "运费", "iphone");
  }

  @Test
  void builder_rejectsBadValuesAndSecondCalls() {
    ChineseAnalyzers.Builder builder = ChineseAnalyzers.builder();
    assertThatThrownBy(() -> builder.customWords(List.of("好", " ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a non-blank custom word but was ' '");
    assertThatThrownBy(() -> builder.synonyms(List.of(List.of("退款", "退款"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a synonym group of at least 2 distinct words but was [退款, 退款]");
    builder.stopwords(List.of("呢"));
    assertThatThrownBy(() -> builder.stopwords(List.of("吧")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("stopwords were already set");
  }

  /**
   * Each token as term@start-end+increment:type: equal lists are the same words at the same places
   * and positions, of the same types.
   */
  static List<String> described(Analyzer analyzer, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("f", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
      TypeAttribute type = ts.addAttribute(TypeAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(
            term
                + "@"
                + offset.startOffset()
                + "-"
                + offset.endOffset()
                + "+"
                + increment.getPositionIncrement()
                + ":"
                + type.type());
      }
      ts.end();
    }
    return out;
  }

  @Test
  void buildBoth_indexThenQueryOnOneThread_tokensOfAnalyzersBuiltApart() throws IOException {
    List<String> words = List.of("七天无理由", "运费险");
    List<List<String>> synonyms = List.of(List.of("退款", "退钱"));
    ChineseAnalyzers.QueryAndIndex both =
        ChineseAnalyzers.builder().customWords(words).synonyms(synonyms).buildBoth();
    Analyzer query = ChineseAnalyzers.builder().customWords(words).synonyms(synonyms).build();
    Analyzer index =
        ChineseAnalyzers.builder()
            .mode(ChineseAnalyzers.Mode.INDEX)
            .customWords(words)
            .synonyms(synonyms)
            .build();
    List<String> texts =
        List.of(
            "七天无理由退货怎么退？拆封了还能退吗",
            "增值税专用发票能开吗，中华人民共和国",
            "運費險怎麼理賠，我要退錢",
            "手表今天早上八点不走了😭",
            "订单编号123456789的快递到哪了 iPhone15",
            "好");

    for (String text : texts) {
      List<String> indexWords = described(both.index(), text);
      List<String> queryWords = described(both.query(), text);

      assertThat(indexWords).as(text).isEqualTo(described(index, text));
      assertThat(queryWords).as(text).isEqualTo(described(query, text));
    }
    // Index mode added words inside longer ones, and the query analysis after it left them out.
    assertThat(described(index, texts.get(1)))
        .hasSizeGreaterThan(described(query, texts.get(1)).size());
    // A query of another text than the one last indexed, and a query alone, segment afresh.
    described(both.index(), texts.get(0));
    assertThat(described(both.query(), texts.get(1))).isEqualTo(described(query, texts.get(1)));
    assertThat(described(both.query(), texts.get(0))).isEqualTo(described(query, texts.get(0)));
  }

  @Test
  void buildBoth_randomTexts_queryAfterIndexIsTheQueryAnalyzersOwn() throws IOException {
    ChineseAnalyzers.QueryAndIndex both =
        ChineseAnalyzers.builder().customWords(List.of("运费险", "以旧换新")).buildBoth();
    Analyzer query = ChineseAnalyzers.builder().customWords(List.of("运费险", "以旧换新")).build();
    // Shop words and their characters, split and rejoined at random: long words, words inside
    // words, numbers, Latin letters and punctuation, as shoppers run them together.
    String[] parts = {
      "增值税", "专用发票", "七天无理由", "退货", "运费险", "以旧换新", "中华人民共和国", "快递", "到了", "没有", "怎么", "不是",
      "iphone", "15", "，", "？", "😭", "物流", "信息", "更新", "退", "款", "货", "的", "了"
    };
    Random random = new Random(42);
    for (int t = 0; t < 500; t++) {
      StringBuilder text = new StringBuilder();
      for (int p = 1 + random.nextInt(8); p > 0; p--) {
        text.append(parts[random.nextInt(parts.length)]);
      }
      described(both.index(), text.toString());

      assertThat(described(both.query(), text.toString()))
          .as(text.toString())
          .isEqualTo(described(query, text.toString()));
    }
  }

  @Test
  void buildBoth_modeSet_refused() {
    ChineseAnalyzers.Builder builder = ChineseAnalyzers.builder().mode(ChineseAnalyzers.Mode.INDEX);

    assertThatThrownBy(builder::buildBoth)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("mode was already set");
  }

  @Test
  void indexMode_longText_tokenizedInTimeThatGrowsWithItsLength() {
    // HanLP's words come in a LinkedList; taking them by index took 0.8 s for 40,000 characters
    // and about 25 s for 200,000. Walked in order, 200,000 take well under a second.
    Analyzer index = ChineseAnalyzers.builder().mode(ChineseAnalyzers.Mode.INDEX).build();
    String text = "我要退货运费谁出".repeat(25_000);

    List<String> words =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> tokens(index, text));

    assertThat(words).hasSize(200_000).startsWith("我", "要");
  }
}
