package io.github.huashu.internal.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.huashu.Thresholds;
import java.util.List;
import org.junit.jupiter.api.Test;

class MixedRequestsTest {

  private final MadeUpIntents intents =
      new MadeUpIntents()
          .add("a.return", "退货", "售后", List.of())
          .add("a.refund", "退款进度", "售后", List.of())
          .add("c.invoice", "开发票", "发票", List.of());
  private final MixedRequests mixed = new MixedRequests(intents, new Decider(intents, 3));

  @Test
  void alsoAsked_secondMatterAfterATurnWord_isAnotherQuestion() {
    intents.ranks("我想退货", intents.r("a.return", 0.9));
    intents.ranks("另外能开发票吗", intents.r("c.invoice", 0.8), intents.r("a.return", 0.1));

    assertThat(
            mixed.alsoAsked(
                "我想退货，另外能开发票吗", intents.byId("a.return").orElseThrow(), Thresholds.DEFAULT))
        .extracting(s -> s.intent().id())
        .containsExactly("c.invoice");
  }

  @Test
  void alsoAsked_oneMatterToldTwice_sameCategoryNotAnother() {
    intents.ranks("我想退货", intents.r("a.return", 0.9));
    intents.ranks("钱什么时候到账", intents.r("a.refund", 0.9));

    assertThat(
            mixed.alsoAsked(
                "我想退货。钱什么时候到账", intents.byId("a.return").orElseThrow(), Thresholds.DEFAULT))
        .isEmpty();
  }

  @Test
  void alsoAsked_singleClause_ranksNothing() {
    assertThat(mixed.alsoAsked("我想退货", intents.byId("a.return").orElseThrow(), Thresholds.DEFAULT))
        .isEmpty();
    assertThat(intents.ranked).isEmpty();
  }
}
