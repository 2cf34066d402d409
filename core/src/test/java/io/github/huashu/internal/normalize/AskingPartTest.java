package io.github.huashu.internal.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.huashu.analyzers.ChineseNormalizer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AskingPartTest {

  private static String of(String message) {
    return AskingPart.of(ChineseNormalizer.normalize(message));
  }

  @Test
  void of_leadingGreetingsAndAcknowledgements_areDropped() {
    assertThat(of("好的，那你帮我换开吧")).isEqualTo("那你帮我换开吧");
    assertThat(of("你好，我的订单发票抬头请写错了")).isEqualTo("我的订单发票抬头请写错了");
    assertThat(of("嗯嗯 好的，申请退货")).isEqualTo("申请退货");
    assertThat(of("亲亲在吗？七天无理由怎么退")).isEqualTo("七天无理由怎么退");
  }

  @Test
  void of_trailingThanks_areDropped() {
    assertThat(of("订单号发一下，谢谢")).isEqualTo("订单号发一下,");
    assertThat(of("帮我催一下快递，麻烦了，谢谢！")).isEqualTo("帮我催一下快递,");
  }

  @Test
  void of_onlySocialClauses_keptWhole() {
    assertThat(of("好的，谢谢")).isEqualTo("好的,谢谢");
    assertThat(of("你好")).isEqualTo("你好");
    assertThat(of("好的好的")).isEqualTo("好的好的");
  }

  /**
   * A shopper's flood of one interjection, or of short clauses, is read in time linear in its
   * length: the social pattern's nested repetitions once took seconds on a thousand 哦.
   */
  @Test
  void of_floodOfInterjectionsOrClauses_answersAtOnce() {
    String flood = "哦".repeat(996) + "x，退";
    String clauses = "哦，".repeat(500) + "退货";

    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          assertThat(of(flood)).isEqualTo(ChineseNormalizer.normalize(flood));
          assertThat(of(clauses)).isEqualTo("退货");
          assertThat(of("退货，" + "哦，".repeat(500))).isEqualTo("退货,");
        });
  }

  @Test
  void of_socialWordsInsideAClause_stay() {
    assertThat(of("好的商品怎么这么贵")).isEqualTo("好的商品怎么这么贵");
    assertThat(of("可以开发票吗")).isEqualTo("可以开发票吗");
    assertThat(of("谢谢你们的快递员态度太差了")).isEqualTo("谢谢你们的快递员态度太差了");
  }
}
