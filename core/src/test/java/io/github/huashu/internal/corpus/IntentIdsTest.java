package io.github.huashu.internal.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IntentIdsTest {

  @Test
  void isValid_theIdsCorporaUse() {
    List<String> ids =
        List.of(
            "aftersales.return_7day",
            "general.thanks_bye",
            "invoice.e_invoice",
            "weather",
            "music.play",
            "aftersales.return_7day.1234",
            "after-sales.exchange",
            "a" + "b".repeat(63));

    assertThat(ids).allMatch(IntentIds::isValid);
  }

  @Test
  void isValid_notForWhatHidesClimbsOrIsAValue() {
    List<String> ids =
        List.of(
            "a\u200Bb",
            "a\u202Eb",
            "../../etc/passwd",
            "<script>",
            "😡",
            "123",
            "true",
            "null",
            "Order.Cancel",
            "order..cancel",
            "order.",
            "_none",
            "退货",
            "order cancel",
            "a" + "b".repeat(64));

    assertThat(ids).noneMatch(IntentIds::isValid);
  }

  @Test
  void cleaned_suggestsTheIdAnEditorMeant() {
    assertThat(IntentIds.cleaned("Order.Cancel")).isEqualTo("order.cancel");
    assertThat(IntentIds.cleaned("order cancel")).isEqualTo("order_cancel");
    assertThat(IntentIds.cleaned("order/cancel")).isEqualTo("order.cancel");
    assertThat(IntentIds.cleaned("订单。cancel")).isEqualTo("cancel");
    assertThat(IntentIds.cleaned("a\u200Bb")).isEqualTo("ab");
    assertThat(IntentIds.cleaned("order.cancel")).isNull();
    assertThat(IntentIds.cleaned("123")).isNull();
    assertThat(IntentIds.cleaned("😡")).isNull();
  }

  @Test
  void excerpt_atMostFortyCharacters_invisibleOnesEscaped() {
    assertThat(Excerpt.of("x".repeat(41))).isEqualTo("x".repeat(40) + "…");
    assertThat(Excerpt.of("a\u202Eb\nc\t😡")).isEqualTo("a\\u202Eb\\nc\\t😡");
    assertThat(Excerpt.of("\uD800")).isEqualTo("\\uD800");
  }
}
