package io.github.huashu.internal.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.huashu.Bundle;
import io.github.huashu.Emotion;
import io.github.huashu.Intent;
import io.github.huashu.Reply;
import io.github.huashu.TestBundles;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Composed replies on the built-in style, without a corpus. */
class ComposerTest {

  private static final Emotion ANGRY = new Emotion(Emotion.Label.ANGRY, 8, List.of());

  private static Intent intent(Reply reply, String followUp, List<String> options) {
    Bundle bundle =
        TestBundles.bundle()
            .reply(reply)
            .followUp(followUp)
            .options(options.toArray(new String[0]))
            .build();
    return new Intent("a.delay", "发货延迟", "物流", "", List.of(), List.of("怎么还不发货"), bundle);
  }

  private static final Intent DELAY =
      intent(new Reply("", "仓库正在加急处理您的订单{订单号}。", "预计明天发出。"), "", List.of("继续等待", "取消订单"));

  @Test
  void answer_calm_bufferThenExplanationThenSolution() {
    Composer.Composed c = Composer.answer(DELAY, Emotion.CALM, Style.DEFAULT, "c-1", Map.of());

    assertThat(Style.DEFAULT.buffer()).anyMatch(c.text()::startsWith);
    assertThat(c.text()).endsWith("仓库正在加急处理您的订单{订单号}。预计明天发出。");
    assertThat(c.unfilled()).containsExactly("订单号");
  }

  @Test
  void answer_upset_empathyApologySolutionOptionsFollowUp() {
    Composer.Composed c =
        Composer.answer(DELAY, ANGRY, Style.DEFAULT, "c-1", Map.of("订单号", "123456"));

    String text = c.text();
    assertThat(Style.DEFAULT.empathy()).anyMatch(text::startsWith);
    assertThat(Style.DEFAULT.apology()).anyMatch(text::contains);
    assertThat(text).contains("仓库正在加急处理您的订单123456。预计明天发出。");
    assertThat(text).contains("继续等待").contains("取消订单");
    assertThat(Style.DEFAULT.followUp()).anyMatch(text::endsWith);
    assertThat(c.unfilled()).isEmpty();
  }

  @Test
  void answer_sameSeedSameReply_seedsVary() {
    Set<String> replies = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      String seed = "conversation-" + i;
      String once = Composer.answer(DELAY, ANGRY, Style.DEFAULT, seed, Map.of()).text();
      assertThat(Composer.answer(DELAY, ANGRY, Style.DEFAULT, seed, Map.of()).text())
          .isEqualTo(once);
      replies.add(once);
    }
    assertThat(replies).hasSizeGreaterThan(1);
  }

  @Test
  void answer_plainStringReply_sentAsWritten() {
    Intent plain = intent(new Reply("", "", "请在订单页点击申请退款。"), "", List.of());

    assertThat(Composer.answer(plain, Emotion.CALM, Style.DEFAULT, "c-1", Map.of()).text())
        .isEqualTo("请在订单页点击申请退款。");
  }
}
