package io.github.huashu.internal.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.huashu.Decision;
import io.github.huashu.Suggestion;
import io.github.huashu.Thresholds;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeciderTest {

  private final MadeUpIntents intents =
      new MadeUpIntents()
          .add("a.return", "退货", "售后", List.of())
          .add("a.exchange", "换货", "售后", List.of())
          .add("b.track", "查物流", "物流", List.of())
          .add("c.invoice", "开发票", "发票", List.of());
  private final Decider decider = new Decider(intents, 3);
  private final Thresholds t = Thresholds.DEFAULT; // answer 0.5, suggestion 0.2, margin 0.2

  @Test
  void decide_confidentLead_matchWithTheSuggestionsAboveTheSuggestionThreshold() {
    Decider.Decided d =
        decider.decide(
            List.of(
                intents.r("a.return", 0.7),
                intents.r("a.exchange", 0.25),
                intents.r("b.track", 0.1)),
            t,
            "我要退货");

    assertThat(d.decision()).isEqualTo(Decision.MATCH);
    assertThat(d.suggestions())
        .extracting(s -> s.intent().id())
        .containsExactly("a.return", "a.exchange");
    assertThat(d.reason()).isEmpty();
  }

  @Test
  void decide_twoCloseCandidates_clarifyWithBoth() {
    Decider.Decided d =
        decider.decide(
            List.of(intents.r("a.return", 0.45), intents.r("a.exchange", 0.4)), t, "退还是换");

    assertThat(d.decision()).isEqualTo(Decision.CLARIFY);
    assertThat(d.suggestions())
        .extracting(s -> s.intent().id())
        .containsExactly("a.return", "a.exchange");
    assertThat(d.reason()).isEqualTo("前两个意图相差 0.05，小于区分阈值 0.20");
    assertThat(Decider.clarifyingQuestion(d.suggestions())).isEqualTo("您是想咨询「退货」还是「换货」？");
  }

  @Test
  void decide_topKOne_neverClarifies() {
    Decider.Decided d =
        new Decider(intents, 1)
            .decide(List.of(intents.r("a.return", 0.45), intents.r("a.exchange", 0.4)), t, "退还是换");

    assertThat(d.decision()).isEqualTo(Decision.FALLBACK);
    assertThat(d.suggestions()).hasSize(1);
  }

  @Test
  void decide_lowConfidence_fallbackSaysWhy() {
    Decider.Decided d = decider.decide(List.of(intents.r("b.track", 0.3)), t, "嗯");

    assertThat(d.decision()).isEqualTo(Decision.FALLBACK);
    assertThat(d.suggestions()).extracting(s -> s.intent().id()).containsExactly("b.track");
    assertThat(d.reason()).isEqualTo("最高置信度 0.30 低于回答阈值 0.50");
  }

  @Test
  void decide_nothingRankedOrNothingToMatch_fallbackWithItsReason() {
    assertThat(decider.decide(List.of(), t, "今天天气").reason()).isEqualTo("没有意图与这个问题相关");
    assertThat(decider.decide(List.of(), t, "").reason()).isEqualTo("消息里没有可匹配的文字（只有表情、订单号、链接等）");
  }

  @Test
  void decide_clarifyOptions_atMostThree_andWithinTheMargin() {
    Decider.Decided d =
        new Decider(intents, 5)
            .decide(
                List.of(
                    intents.r("a.return", 0.3),
                    intents.r("a.exchange", 0.29),
                    intents.r("b.track", 0.28),
                    intents.r("c.invoice", 0.27)),
                t,
                "都想问");

    assertThat(d.decision()).isEqualTo(Decision.CLARIFY);
    assertThat(d.suggestions()).hasSize(3);
    assertThat(Decider.clarifyingQuestion(d.suggestions())).isEqualTo("您是想咨询「退货」、「换货」还是「查物流」？");
  }

  @Test
  void suggestion_explainsWithTheNearestExampleAndClampsConfidence() {
    Suggestion s = decider.suggestion(intents.r("a.return", 1.2));

    assertThat(s.confidence()).isEqualTo(1.0);
    assertThat(s.why().nearestExample()).isEqualTo("退货的例句");
    assertThat(s.why().matchedTerms()).containsExactly("词");
  }

  @Test
  void constructor_topKBelowOne_rejected() {
    assertThatThrownBy(() -> new Decider(intents, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected topK >= 1 but was 0");
  }
}
