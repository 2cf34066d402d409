package io.github.huashu.internal.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.huashu.Conversation;
import io.github.huashu.Decision;
import io.github.huashu.Emotion;
import io.github.huashu.Thresholds;
import io.github.huashu.internal.fuse.Engine;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowUpsTest {

  private final MadeUpIntents intents =
      new MadeUpIntents()
          .add("a.return", "退货", "售后", List.of("a.shipping"))
          .add("a.shipping", "退货运费", "售后", List.of())
          .add("a.exchange", "换货", "售后", List.of())
          .add("b.track", "查物流", "物流", List.of());
  private final FollowUps followUps = new FollowUps(intents, String::strip);

  private static Conversation.Turn turn(String message, String intent) {
    return new Conversation.Turn(
        message, intent, Decision.MATCH, Emotion.Label.CALM, 0, Instant.EPOCH);
  }

  /** A ranking of a message whose words the corpus all knows. */
  private static Engine.Ranking known(List<Engine.Ranked> ranked) {
    return new Engine.Ranking("", ranked, 4, 4);
  }

  @Test
  void inContext_shortFollowUp_leansToTheRelatedIntent() {
    intents.ranks("七天无理由怎么退 那运费谁出", intents.r("a.shipping", 0.5), intents.r("a.return", 0.3));
    List<Engine.Ranked> alone = List.of(intents.r("b.track", 0.2), intents.r("a.shipping", 0.15));

    List<Engine.Ranked> ranked =
        followUps.inContext(
            known(alone), "那运费谁出", List.of(turn("七天无理由怎么退", "a.return")), Thresholds.DEFAULT);

    assertThat(intents.ranked).containsExactly("七天无理由怎么退 那运费谁出");
    assertThat(ranked.get(0).intent()).isEqualTo(intents.ordinal("a.shipping"));
    assertThat(ranked.stream().mapToDouble(Engine.Ranked::confidence).sum())
        .isLessThanOrEqualTo(1.0);
  }

  @Test
  void inContext_longConfidentMessage_leftAlone() {
    List<Engine.Ranked> alone = List.of(intents.r("b.track", 0.9));

    List<Engine.Ranked> ranked =
        followUps.inContext(
            known(alone),
            "我上周买的衣服到现在物流一直没有更新",
            List.of(turn("七天无理由怎么退", "a.return")),
            Thresholds.DEFAULT);

    assertThat(ranked).isSameAs(alone);
    assertThat(intents.ranked).isEmpty();
  }

  @Test
  void inContext_noAnsweredTurnWithinThree_leftAlone() {
    List<Engine.Ranked> alone = List.of(intents.r("b.track", 0.2));
    List<Conversation.Turn> turns =
        List.of(turn("七天无理由怎么退", "a.return"), turn("嗯", ""), turn("啊", ""), turn("哦", ""));

    assertThat(followUps.inContext(known(alone), "那呢", turns, Thresholds.DEFAULT)).isSameAs(alone);
  }

  @Test
  void inContext_followUpInWordsTheCorpusDoesNotKnow_readOnItsOwn() {
    List<Engine.Ranked> alone = List.of(intents.r("a.return", 0.3));
    Engine.Ranking noise = new Engine.Ranking("", alone, 6, 1);

    assertThat(
            followUps.inContext(
                noise, "아아아아", List.of(turn("七天无理由怎么退", "a.return")), Thresholds.DEFAULT))
        .isSameAs(alone);
    assertThat(intents.ranked).isEmpty();
  }
}
