package io.github.huashu.analyzers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PinyinSpellerTest {

  private final PinyinSpeller speller =
      PinyinSpeller.of(
          Map.of("退货", 12, "物流", 30, "发票", 9, "包邮", 3, "下午", 2, "没法", 4, "发货", 8, "退款", 7),
          Set.of("包邮"),
          List.of("我要退货", "物流到哪了", "能开发票吗", "还没发货", "下午能送吗", "包邮吗"));

  @Test
  void correct_soundAlikeNonWords_repaired() {
    assertThat(speller.correct("怎么推货呀")).isEqualTo("怎么退货呀");
    assertThat(speller.correct("电子发漂在哪下载")).isEqualTo("电子发票在哪下载");
    assertThat(speller.correct("海南包油吗")).isEqualTo("海南包邮吗");
  }

  @Test
  void correct_overlappingCandidates_preferTheMoreFrequentWord() {
    // 下物 sounds like 下午 and 物留 like 物流; 物流 is the more frequent word.
    assertThat(speller.correct("帮我查下物留")).isEqualTo("帮我查下物流");
  }

  @Test
  void correct_neverTakesRealWordsApart() {
    // 没发 sounds like 没法, but 发货 is a word of the corpus.
    assertThat(speller.correct("怎么还没发货")).isEqualTo("怎么还没发货");
    // 好吗 sounds like 号码 but HanLP has seen 好 + 吗 together; 码 ends no question.
    assertThat(speller.correct("退货好吗")).isEqualTo("退货好吗");
  }

  @Test
  void correct_pinyinInLatinLetters_repaired() {
    assertThat(speller.correct("tui款到了吗")).isEqualTo("退款到了吗");
    assertThat(speller.correct("退kuan进度")).isEqualTo("退款进度");
    assertThat(speller.correct("我的tuikuan呢")).isEqualTo("我的退款呢");
    // Letters that are not pinyin, or pinyin of no vocabulary word, stay.
    assertThat(speller.correct("iphone退货")).isEqualTo("iphone退货");
    assertThat(speller.correct("hao的")).isEqualTo("hao的");
  }

  @Test
  void correct_keepsLengthAndLeavesOtherScriptsAlone() {
    String text = "iPhone15推货 order 123";
    assertThat(speller.correct(text)).hasSameSizeAs(text).isEqualTo("iPhone15退货 order 123");
    assertThat(PinyinSpeller.NONE.correct("推货")).isEqualTo("推货");
  }
}
