package io.github.huashu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** Conversations through a suggester on core's own small corpus. */
class SuggesterConversationTest {

  private final Suggester suggester = Suggester.builder(TestCorpora.small()).build();

  private static double confidenceOf(SuggestResult r, String intent) {
    return r.suggestions().stream()
        .filter(s -> s.intent().id().equals(intent))
        .mapToDouble(Suggestion::confidence)
        .findFirst()
        .orElse(0);
  }

  @Test
  void suggest_followUp_leansToTheRelatedIntentOfTheLastAnswer() {
    SuggestResult alone = suggester.suggest("那运费谁出");
    Conversation returns = Conversation.start("c-1");
    SuggestResult first = suggester.suggest(returns, "七天无理由退货怎么退");
    SuggestResult afterReturns = suggester.suggest(returns, "那运费谁出");
    Conversation exchange = Conversation.start("c-2");
    suggester.suggest(exchange, "我想换个尺码");
    SuggestResult afterExchange = suggester.suggest(exchange, "那运费谁出");

    assertThat(first.answer().orElseThrow().intent().id()).isEqualTo("returns.seven_day");
    // Alone, the exchange fee leads; after a return, the return fee (related) gains on it.
    double gapAlone =
        confidenceOf(alone, "exchange.shipping_fee") - confidenceOf(alone, "returns.shipping_fee");
    double gapAfterReturns =
        confidenceOf(afterReturns, "exchange.shipping_fee")
            - confidenceOf(afterReturns, "returns.shipping_fee");
    assertThat(gapAfterReturns).isLessThan(gapAlone);
    assertThat(afterExchange.answer().orElseThrow().intent().id())
        .isEqualTo("exchange.shipping_fee");
    assertThat(returns.turns())
        .extracting(Conversation.Turn::message)
        .containsExactly("七天无理由退货怎么退", "那运费谁出");
    assertThat(returns.turns().get(0).intent()).isEqualTo("returns.seven_day");
  }

  /** A caller that gave up (a request timed out) sends the message again: it is not kept. */
  @Test
  void suggest_threadInterrupted_throwsAndLeavesTheConversationUnchanged() {
    Conversation c = Conversation.start("c-interrupted");
    suggester.suggest(c, "七天无理由退货怎么退");

    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> suggester.suggest(c, "那运费谁出"))
          .isInstanceOf(CancellationException.class)
          .hasMessage("interrupted while answering; the message was not added to the conversation");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }

    assertThat(c.turns()).extracting(Conversation.Turn::message).containsExactly("七天无理由退货怎么退");
    assertThat(suggester.suggest(c, "那运费谁出").decision()).isNotNull();
    assertThat(c.turns()).hasSize(2);
  }

  @Test
  void suggest_rejectedMessage_leavesTheConversationUnchanged() {
    Conversation c = Conversation.start("c-2");
    suggester.suggest(c, "七天无理由退货怎么退");

    assertThatThrownBy(() -> suggester.suggest(c, "  "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(c.turns()).hasSize(1);
  }

  @Test
  void suggest_sameMessageAgain_raisesAnxiety() {
    Conversation c = Conversation.start("c-3");
    Emotion once = suggester.suggest(c, "我的快递到哪了").emotion();
    suggester.suggest(c, "我的快递到哪了");
    Emotion thrice = suggester.suggest(c, "我的快递到哪了").emotion();

    assertThat(thrice.intensity()).isGreaterThan(once.intensity());
    assertThat(thrice.signals())
        .extracting(Emotion.Signal::kind)
        .contains(Emotion.Signal.Kind.REPETITION);
  }

  @Test
  void suggest_oneConversation_samePhrasings_restoredFromJsonContinues() {
    Conversation a = Conversation.start("vendor-7");
    Conversation b = Conversation.start("vendor-7");
    String replyA = suggester.suggest(a, "七天无理由退货怎么退").reply();
    String replyB = suggester.suggest(b, "七天无理由退货怎么退").reply();

    assertThat(replyA).isEqualTo(replyB);
    Conversation restored = Conversation.fromJson(a.toJson());
    suggester.suggest(restored, "那运费谁出");
    assertThat(restored.turns()).hasSize(2);
    assertThat(a.turns()).hasSize(1);
  }
}
