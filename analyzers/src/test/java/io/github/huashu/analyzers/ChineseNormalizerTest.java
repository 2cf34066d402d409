package io.github.huashu.analyzers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChineseNormalizerTest {

  @Test
  void fold_fullWidthTraditionalAndCase() {
    assertThat(ChineseNormalizer.fold('Ａ')).isEqualTo('a');
    assertThat(ChineseNormalizer.fold('１')).isEqualTo('1');
    assertThat(ChineseNormalizer.fold('？')).isEqualTo('?');
    assertThat(ChineseNormalizer.fold('貨')).isEqualTo('货');
    assertThat(ChineseNormalizer.fold('退')).isEqualTo('退');
    assertThat(ChineseNormalizer.fold('\u3000')).isEqualTo(' ');
  }

  @Test
  void normalize_traditionalQuestion_becomesSimplified() {
    assertThat(ChineseNormalizer.normalize("七天無理由退貨怎麼退？拆封了還能退嗎")).isEqualTo("七天无理由退货怎么退?拆封了还能退吗");
  }

  @Test
  void normalize_dropsEmojiAndControlsAndCollapsesSpace() {
    assertThat(ChineseNormalizer.normalize("  我的\t快递\u0000到哪了😡\uFE0F \u200B \n 订单 ＩＰＨＯＮＥ１５ "))
        .isEqualTo("我的 快递到哪了 订单 iphone15");
  }

  @Test
  void normalize_keepsLength_whenNothingIsDropped() {
    String text = "ＡＢＣ貨物";
    assertThat(ChineseNormalizer.normalize(text)).hasSameSizeAs(text).isEqualTo("abc货物");
  }

  @Test
  void normalize_loneSurrogate_dropped() {
    assertThat(ChineseNormalizer.normalize("退\uD83D货")).isEqualTo("退货");
  }

  @Test
  void emoji_keepsSequencesTogether() {
    assertThat(ChineseNormalizer.emoji("好的👍🏻，谢谢❤️！👨‍👩‍👧😭😭"))
        .containsExactly("👍🏻", "❤️", "👨‍👩‍👧", "😭", "😭");
    assertThat(ChineseNormalizer.emoji("没有表情")).isEmpty();
  }
}
