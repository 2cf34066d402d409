package io.github.huashu.analyzers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TypedTextTest {

  @Test
  void of_plainText_unchangedAndTheSameString() {
    String typed = "七天無理由退貨？ＩＰＨＯＮＥ １５ 😡\t\n";

    TypedText t = TypedText.of(typed);

    assertThat(t.unchanged()).isTrue();
    assertThat(t.cleaned()).isSameAs(typed);
    assertThat(t.typedStart(3)).isEqualTo(3);
    assertThat(t.typedEnd(3)).isEqualTo(3);
  }

  @Test
  void of_formatCharacters_removed() {
    String typed =
        "\uFEFF我要投\u200B诉，123\u200C15\u200D，报\u2060警\u00AD\u200E\u202E\u2066\u2069\u180E";

    assertThat(TypedText.clean(typed)).isEqualTo("我要投诉，12315，报警");
  }

  @Test
  void of_controlCharacters_removedExceptWhiteSpace() {
    assertThat(TypedText.clean("退\u0000货\u0007\u001B[31m\u007F\t运费\r\n谁出\u000B\f"))
        .isEqualTo("退货[31m\t运费\r\n谁出\u000B\f");
  }

  @Test
  void of_loneSurrogates_removed_pairsKept() {
    assertThat(TypedText.clean("退\uD83D货\uDE21😡")).isEqualTo("退货😡");
  }

  @Test
  void of_emojiSequences_keepTheirJoinersAndTags() {
    String family = "👨\u200D👩\u200D👧";
    String england = "🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67\uDB40\uDC7F";
    String typed = "好的" + family + "，" + england + "😡\u200D投诉\u200D😡";

    String cleaned = TypedText.clean(typed);

    assertThat(cleaned).isEqualTo("好的" + family + "，" + england + "😡投诉😡");
    assertThat(ChineseNormalizer.emoji(cleaned)).startsWith(family, england);
  }

  @Test
  void typedStartAndEnd_mapSpansBackIntoTheTypedText() {
    String typed = "\u200B这不是我们的\u200B问题，很\u200B快处理\u200B";
    TypedText t = TypedText.of(typed);
    String cleaned = t.cleaned();
    int start = cleaned.indexOf("很快");
    int end = start + 2;

    assertThat(cleaned).isEqualTo("这不是我们的问题，很快处理");
    assertThat(typed.substring(t.typedStart(start), t.typedEnd(end))).isEqualTo("很\u200B快");
    assertThat(typed.substring(t.typedStart(0), t.typedEnd(8))).isEqualTo("这不是我们的\u200B问题");
    assertThat(t.typedStart(cleaned.length())).isEqualTo(typed.length());
    assertThat(t.typedEnd(cleaned.length())).isEqualTo(typed.length() - 1);
  }

  @Test
  void typedStartAndEnd_outOfRange_rejected() {
    TypedText t = TypedText.of("a\u200Bb");

    assertThatThrownBy(() -> t.typedStart(3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> t.typedEnd(0))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("expected an end in [1, 2] but was 0");
  }

  @Test
  void of_randomText_normalizesAsTyped_andMapsEveryUnit() {
    Random random = new Random(7);
    int[] pool = {
      '退', '货', ' ', '\t', '\n', '\r', 0, 7, 0x7F, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD,
      0x202E, 0x1F621, 0x1F468, 0xFE0F, 0xE0067, 0xD83D, 0xDE21, 'A', '？', '貨'
    };
    for (int n = 0; n < 2_000; n++) {
      StringBuilder b = new StringBuilder();
      for (int k = random.nextInt(12); k > 0; k--) {
        int cp = pool[random.nextInt(pool.length)];
        if (cp >= 0xD800 && cp <= 0xDFFF) {
          b.append((char) cp);
        } else {
          b.appendCodePoint(cp);
        }
      }
      String typed = b.toString();
      TypedText t = TypedText.of(typed);
      String cleaned = t.cleaned();

      assertThat(ChineseNormalizer.normalize(cleaned))
          .isEqualTo(ChineseNormalizer.normalize(typed));
      assertThat(TypedText.clean(cleaned)).as("idempotent").isEqualTo(cleaned);
      for (int i = 0; i < cleaned.length(); i++) {
        assertThat(typed.charAt(t.typedStart(i))).isEqualTo(cleaned.charAt(i));
        assertThat(t.typedEnd(i + 1)).isEqualTo(t.typedStart(i) + 1);
      }
      // What is always removed, inserted anywhere between code points, changes nothing.
      StringBuilder spiked = new StringBuilder();
      for (int i = 0; i < typed.length(); ) {
        int cp = typed.codePointAt(i);
        if (random.nextBoolean()) {
          spiked.appendCodePoint(
              new int[] {0x200B, 0x2060, 0xFEFF, 0x202E, 0x7}[random.nextInt(5)]);
        }
        spiked.appendCodePoint(cp);
        i += Character.charCount(cp);
      }
      assertThat(TypedText.clean(spiked.toString())).as("%s", spiked).isEqualTo(cleaned);
    }
  }

  @Test
  void of_invisibleCharacterAfterAJoiner_keepsTheSequence() {
    assertThat(TypedText.clean("😡\u200D\u200B🔥")).isEqualTo("😡\u200D🔥");
    assertThat(TypedText.clean("😡\u200B\u200D🔥")).isEqualTo("😡\u200D🔥");
  }
}
