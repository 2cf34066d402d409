package io.github.huashu.internal.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.github.huashu.analyzers.ChineseNormalizer;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MessageMetadataTest {

  private static String matched(MessageMetadata metadata, String message) {
    return ChineseNormalizer.normalize(metadata.strip(message).text());
  }

  @Test
  void strip_orderCard_leavesTheQuestionAndKeepsTheFacts() {
    MessageMetadata.Stripped s =
        MessageMetadata.STANDARD.strip(
            "订单编号:43894709052 订单金额:￥787.50 下单时间:2018-03-12 14:30:05 这个什么时候发货");

    assertThat(ChineseNormalizer.normalize(s.text())).isEqualTo("这个什么时候发货");
    assertThat(s.facts())
        .containsExactly(
            entry("订单号", "43894709052"),
            entry("订单金额", "￥787.50"),
            entry("下单时间", "2018-03-12 14:30:05"));
  }

  @Test
  void strip_orderNumberTypedByTheShopper() {
    assertThat(matched(MessageMetadata.STANDARD, "订单号20248521942发票需要改下抬头")).isEqualTo("发票需要改下抬头");
    assertThat(matched(MessageMetadata.STANDARD, "订单号:41979061722没有收到货，给签收了"))
        .isEqualTo("没有收到货,给签收了");
    assertThat(MessageMetadata.STANDARD.strip("订单号：8，请查询是否购买保险").facts()).containsEntry("订单号", "8");
  }

  @Test
  void strip_orderNumberWithoutDigits_isAQuestionAndStays() {
    assertThat(matched(MessageMetadata.STANDARD, "麻烦查一下订单号")).isEqualTo("麻烦查一下订单号");
    assertThat(matched(MessageMetadata.STANDARD, "我这个下单时间大概需要多久")).isEqualTo("我这个下单时间大概需要多久");
  }

  @Test
  void strip_linksPlaceholdersAndChannelTags() {
    MessageMetadata.Stripped s =
        MessageMetadata.STANDARD.strip(
            "京东快递(移动端) [商品快照] 这个能便宜点吗 https://item.jd.com/100012043978.html");

    assertThat(ChineseNormalizer.normalize(s.text())).isEqualTo("这个能便宜点吗");
    assertThat(s.facts()).containsEntry("链接", "https://item.jd.com/100012043978.html");
    assertThat(matched(MessageMetadata.STANDARD, "【收到不支持的消息类型，暂无法显示】")).isEmpty();
    assertThat(matched(MessageMetadata.STANDARD, "[图片]坏了")).isEqualTo("坏了");
  }

  @Test
  void strip_longNumbers_asOrderOrPhoneNumber() {
    MessageMetadata.Stripped order = MessageMetadata.STANDARD.strip("带有托盘吗54040572071");
    MessageMetadata.Stripped phone = MessageMetadata.STANDARD.strip("原旧手机号13983110009");

    assertThat(ChineseNormalizer.normalize(order.text())).isEqualTo("带有托盘吗");
    assertThat(order.facts()).containsExactly(entry("订单号", "54040572071"));
    assertThat(ChineseNormalizer.normalize(phone.text())).isEqualTo("原旧手机号");
    assertThat(phone.facts()).containsExactly(entry("手机号", "13983110009"));
  }

  @Test
  void strip_trackingNumber_keepsItsLabel() {
    MessageMetadata.Stripped s = MessageMetadata.STANDARD.strip("快递单号:JD0012345678 怎么查不到");

    assertThat(ChineseNormalizer.normalize(s.text())).isEqualTo("快递单号: 怎么查不到");
    assertThat(s.facts()).containsExactly(entry("物流单号", "JD0012345678"));
  }

  @Test
  void strip_ordinaryQuestionsAndSmallNumbers_unchanged() {
    for (String q : List.of("七天无理由退货怎么退？拆封了还能退吗", "少退了8", "我买的1mm夹子没送货", "3天了还没到", "周六能送吗")) {
      assertThat(MessageMetadata.STANDARD.strip(q).text()).as(q).isEqualTo(q);
      assertThat(MessageMetadata.STANDARD.strip(q).facts()).as(q).isEmpty();
    }
  }

  @Test
  void none_takesNothingOut() {
    assertThat(MessageMetadata.NONE.strip("订单编号:43894709052 发货了吗").text())
        .isEqualTo("订单编号:43894709052 发货了吗");
  }

  @Test
  void withOwnRules_runFirst_andCanNameTheirValue() {
    MessageMetadata own =
        MessageMetadata.STANDARD.withOwnRules(
            List.of(
                new MessageMetadata.Rule(Pattern.compile("工单#(?<value>[A-Z]\\d+)"), "工单号"),
                new MessageMetadata.Rule(Pattern.compile("来自小红书"), "")));

    MessageMetadata.Stripped s = own.strip("来自小红书 工单#W1234 退款还没到");

    assertThat(ChineseNormalizer.normalize(s.text())).isEqualTo("退款还没到");
    assertThat(s.facts()).containsExactly(entry("工单号", "W1234"));
  }

  @Test
  void strip_catastrophicOwnPattern_givesUpOnThatMessage_othersStillApply() {
    MessageMetadata metadata =
        MessageMetadata.STANDARD.withOwnRules(
            List.of(
                new MessageMetadata.Rule(java.util.regex.Pattern.compile("(a+)+$"), "x"),
                new MessageMetadata.Rule(
                    java.util.regex.Pattern.compile("工单(?<value>\\d+)"), "工单号")));
    String message = "a".repeat(999) + "!";

    // Unbounded, this pattern backtracks for longer than the age of the universe on this message;
    // the timeout only turns a hang into a failure.
    MessageMetadata.Stripped stripped =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(30), () -> metadata.strip(message));

    assertThat(stripped.text()).isEqualTo(message);
    assertThat(metadata.strip("工单123 aaa").facts())
        .containsEntry("工单号", "123")
        .containsEntry("x", "aaa");
  }
}
