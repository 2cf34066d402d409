package io.github.huashu.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.huashu.Advice;
import io.github.huashu.Conversation;
import io.github.huashu.Decision;
import io.github.huashu.DraftContext;
import io.github.huashu.DraftReport;
import io.github.huashu.Emotion;
import io.github.huashu.Finding;
import io.github.huashu.Intent;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.Message;
import io.github.huashu.SuggestResult;
import io.github.huashu.Suggester;
import io.github.huashu.internal.compose.Composer;
import io.github.huashu.internal.compose.Style;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reply composition, conversation context and the draft checker, on the sample corpus. */
class RepliesTest {

  private static KnowledgeBase kb;
  private static Suggester suggester;
  private static final Emotion ANGRY = new Emotion(Emotion.Label.ANGRY, 8, List.of());

  @BeforeAll
  static void load() {
    kb = SampleCorpus.load();
    suggester = Suggester.builder(kb).build();
  }

  @Test
  void composedReplies_ofEveryIntent_passTheDraftChecker() {
    // The checker must not cry wolf: what Huashu composes from the corpus is a good draft.
    Style style = Style.DEFAULT;
    List<String> problems = new java.util.ArrayList<>();
    for (Intent intent : kb.intents()) {
      for (Emotion emotion : List.of(Emotion.CALM, ANGRY)) {
        String reply = Composer.answer(intent, emotion, style, "c-1", Map.of()).text();
        String shopper = emotion.isUpset() ? "我要投诉你们！！" : "";
        List<Finding> findings =
            kb.lintReply(reply, DraftContext.forIntent(intent.id()).withShopperMessage(shopper))
                .findings();

        findings.forEach(
            f -> problems.add(intent.id() + " " + emotion.label() + ": " + f + " in " + reply));
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void upsetShopper_empathyApologySolutionOptionsFollowUp() {
    SuggestResult r = suggester.suggest("东西坏了你们到底管不管！！质量太差了，我要退货");

    assertThat(r.emotion().isUpset()).isTrue();
    assertThat(r.reply()).containsAnyOf("理解", "心情", "感受");
    assertThat(r.reply()).contains("抱歉");
    if (r.decision() == Decision.MATCH
        && r.suggestions().get(0).intent().bundle().options().size() >= 2) {
      // Choices are offered: in the reply's own words, or as the bundle's numbered options.
      assertThat(r.reply()).containsAnyOf("您可以选择：1.", "可以选", "哪种");
    }
  }

  @Test
  void upsetShopper_optionsListedOnce() {
    Intent delay = kb.intent("logistics.delay").orElseThrow();
    Intent howto = kb.intent("aftersales.return_7day").orElseThrow();

    // The delay reply offers its choices in its own words: no second list.
    String own = Composer.answer(delay, ANGRY, Style.DEFAULT, "c", Map.of()).text();
    assertThat(own).doesNotContain("您可以选择：1.");
    // A reply that offers none gets the bundle's options, numbered.
    String listed = Composer.answer(howto, ANGRY, Style.DEFAULT, "c", Map.of()).text();
    assertThat(listed).contains("您可以选择：1." + howto.bundle().options().get(0));
  }

  @Test
  void mixedRequest_bothQuestionsAnswered() {
    SuggestResult r = suggester.suggest("七天无理由退货怎么退，另外发票能开吗");

    assertThat(r.answer().orElseThrow().intent().id()).isEqualTo("aftersales.return_7day");
    assertThat(r.also()).extracting(s -> s.intent().id()).containsExactly("invoice.issue");
    assertThat(r.reply())
        .contains("未拆封")
        .contains("另外，关于「" + r.also().get(0).intent().name() + "」");
    assertThat(r.toJson()).contains("\"also\":[{\"intent\":\"invoice.issue\"");

    // Two sentences on one matter are not two questions.
    SuggestResult single = suggester.suggest("我的快递到哪了？物流好几天没更新了");
    assertThat(single.also()).isEmpty();
    // With a word that turns to another matter, a related question counts.
    SuggestResult related = suggester.suggest("退货运费谁出？还有退款多久到账");
    assertThat(related.also())
        .extracting(s -> s.intent().id())
        .contains("aftersales.refund_progress");
  }

  @Test
  void calmShopper_bufferExplanationSolution_noApology() {
    SuggestResult r = suggester.suggest("七天无理由退货怎么退？拆封了还能退吗");

    assertThat(r.emotion().label()).isEqualTo(Emotion.Label.CALM);
    assertThat(r.reply()).doesNotContain("抱歉").contains("未拆封");
  }

  @Test
  void placeholders_filledFromFacts_unfilledListedAndKept() {
    SuggestResult r =
        suggester.suggest(
            Message.of("我的快递到哪了").withFacts(Map.of("订单号", "20231205887", "快递公司", "顺丰")));

    assertThat(r.answer().orElseThrow().intent().id()).isEqualTo("logistics.track");
    assertThat(r.reply()).contains("20231205887", "顺丰").doesNotContain("{订单号}");
    assertThat(r.unfilled()).contains("物流单号").doesNotContain("订单号", "快递公司");
    for (String name : r.unfilled()) {
      assertThat(r.reply()).contains("{" + name + "}");
    }
  }

  @Test
  void phrasings_fixedPerConversation_variedAcrossConversations() {
    String angry = "物流太慢了！！！";
    Set<String> openings = new HashSet<>();
    for (int i = 0; i < 12; i++) {
      String first = suggester.suggest(Conversation.start("c" + i), angry).reply();
      String again = suggester.suggest(Conversation.start("c" + i), angry).reply();
      assertThat(again).isEqualTo(first);
      openings.add(first.substring(0, first.indexOf('。')));
    }
    assertThat(openings).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void followUps_resolveInContext() {
    Conversation returns = Conversation.start("returns");
    assertThat(suggester.suggest(returns, "七天无理由退货怎么退？拆封了还能退吗").suggestions().get(0).intent().id())
        .isEqualTo("aftersales.return_7day");
    SuggestResult fee = suggester.suggest(returns, "那运费谁出？");
    assertThat(fee.decision()).isEqualTo(Decision.MATCH);
    assertThat(fee.suggestions().get(0).intent().id()).isEqualTo("aftersales.return_shipping_fee");

    Conversation parcel = Conversation.start("parcel");
    suggester.suggest(parcel, "我的快递到哪了");
    SuggestResult late = suggester.suggest(parcel, "怎么还没到");
    assertThat(late.suggestions().get(0).intent().id()).startsWith("logistics.");

    assertThat(parcel.turns()).hasSize(2);
    assertThat(parcel.turns().get(0).intent()).isEqualTo("logistics.track");
  }

  @Test
  void followUps_noiseAfterAnAnswer_neverAnsweredFromContext() {
    // Issue: after 七天无理由退货怎么退 each of these was a MATCH of aftersales.return_7day (0.59-0.86).
    List<String> noise =
        List.of(
            "?",
            "a".repeat(1000),
            "哈".repeat(1000),
            "반품은 어떻게 하나요",
            "返品はどうすればいいですか",
            "いつ届きますか",
            "' OR 1=1 --",
            "SELECT * FROM orders",
            "'; DROP TABLE users; --");
    for (String message : noise) {
      Conversation c = Conversation.start("noise");
      suggester.suggest(c, "七天无理由退货怎么退");

      SuggestResult r = suggester.suggest(c, message);

      assertThat(r.decision()).as(message).isEqualTo(Decision.FALLBACK);
      assertThat(r.suggestions()).as(message).isEmpty();
    }
  }

  @Test
  void followUps_shortButMeaningful_stillLeanOnTheLastAnswer() {
    for (String[] followUp :
        new String[][] {
          {"那运费谁出？", "aftersales.return_shipping_fee"}, {"可收到?", "aftersales.return_7day"}
        }) {
      Conversation c = Conversation.start("follow-up");
      suggester.suggest(c, "七天无理由退货怎么退");

      SuggestResult r = suggester.suggest(c, followUp[0]);

      assertThat(suggester.suggest(followUp[0]).decision()).isNotEqualTo(Decision.MATCH);
      assertThat(r.decision()).as(followUp[0]).isEqualTo(Decision.MATCH);
      assertThat(r.answer().orElseThrow().intent().id()).isEqualTo(followUp[1]);
    }
  }

  @Test
  void repetition_inAConversation_raisesAnxiety() {
    Conversation c = Conversation.start("again");
    Emotion first = suggester.suggest(c, "退款什么时候到账").emotion();
    suggester.suggest(c, "退款什么时候到账");
    Emotion third = suggester.suggest(c, "退款什么时候到账？").emotion();

    assertThat(third.intensity()).isGreaterThan(first.intensity());
    assertThat(third.signals())
        .extracting(Emotion.Signal::kind)
        .contains(Emotion.Signal.Kind.REPETITION);
  }

  @Test
  void conversation_roundTripsThroughJson_andRejectsGarbage() {
    Conversation c = Conversation.start("vendor-42");
    suggester.suggest(c, "我的快递到哪了");
    suggester.suggest(c, "怎么还没到");

    Conversation back = Conversation.fromJson(c.toJson());

    assertThat(back.id()).isEqualTo("vendor-42");
    assertThat(back.turns()).isEqualTo(c.turns());
    suggester.suggest(back, "那能退款吗");
    assertThat(back.turns()).hasSize(3);
    assertThat(back.turns().get(2).message()).isEqualTo("那能退款吗");
    assertThat(c.turns()).hasSize(2);
    assertThatThrownBy(() -> Conversation.fromJson("{\"id\": \"x\", \"turns\": [{\"mesage\": 1}]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown field 'mesage'");
    assertThatThrownBy(() -> Conversation.fromJson("not json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a conversation");
  }

  @Test
  void advice_escalateVerifyTicketChecks() {
    SuggestResult furious = suggester.suggest("你们这群骗子，再不退钱我就报警，还要打12315！！！");
    assertThat(furious.advice()).extracting(Advice::kind).contains(Advice.Kind.ESCALATE);

    SuggestResult password = suggester.suggest("登录密码忘了怎么重置");
    assertThat(password.answer().orElseThrow().intent().id()).isEqualTo("account.password_reset");
    assertThat(password.advice()).extracting(Advice::kind).contains(Advice.Kind.VERIFY_IDENTITY);

    SuggestResult unknown = suggester.suggest("明天北京会下雨吗");
    assertThat(unknown.decision()).isEqualTo(Decision.FALLBACK);
    assertThat(unknown.advice()).extracting(Advice::kind).contains(Advice.Kind.CREATE_TICKET);

    SuggestResult returns = suggester.suggest("七天无理由退货怎么退？拆封了还能退吗");
    assertThat(returns.advice())
        .filteredOn(a -> a.kind() == Advice.Kind.CHECK)
        .extracting(Advice::message)
        .anyMatch(m -> m.startsWith("商品状态核查"))
        .anyMatch(m -> m.startsWith("物流时效提醒"));
  }

  @Test
  void lintReply_badDraft_everyRuleWithItsSpan() {
    String draft = "这不是我们的问题，你自己看规则。SKU不对的话很快给你处理。";
    List<Finding> findings =
        kb.lintReply(
                draft,
                DraftContext.forIntent("aftersales.return_7day").withShopperMessage("太过分了！！我要投诉"))
            .findings();

    assertThat(findings)
        .extracting(Finding::rule)
        .contains(
            Finding.Rule.NEGATIVE_PHRASE,
            Finding.Rule.JARGON,
            Finding.Rule.VAGUE_TIME,
            Finding.Rule.MISSING_CONDITION,
            Finding.Rule.NO_EMPATHY);
    Finding negative =
        findings.stream()
            .filter(f -> f.rule() == Finding.Rule.NEGATIVE_PHRASE)
            .findFirst()
            .orElseThrow();
    assertThat(draft.substring(negative.start(), negative.end())).isEqualTo("这不是我们的问题");
    assertThat(negative.suggestion()).isNotEmpty();
    Finding jargon =
        findings.stream().filter(f -> f.rule() == Finding.Rule.JARGON).findFirst().orElseThrow();
    assertThat(draft.substring(jargon.start(), jargon.end())).isEqualTo("SKU");
    assertThat(findings)
        .filteredOn(f -> f.rule() == Finding.Rule.MISSING_CONDITION)
        .extracting(Finding::message)
        .anyMatch(m -> m.contains("未拆封"));
  }

  @Test
  void lintReply_goodDraft_noFindings() {
    String draft = "非常理解您的心情，给您添麻烦了。签收7天内、商品未拆封且不影响二次销售的可以七天无理由退货，" + "我已为您提交申请，24小时内审核完成。";
    assertThat(
            kb.lintReply(
                draft,
                DraftContext.forIntent("aftersales.return_7day").withShopperMessage("太过分了！！")))
        .matches(DraftReport::isClean);
    // A concrete time in the same sentence makes 尽快 fine.
    assertThat(kb.lintReply("我们会尽快处理，24小时内给您答复。", DraftContext.NONE).findings()).isEmpty();
    assertThatThrownBy(() -> kb.lintReply("好的", DraftContext.forIntent("no.such")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no.such");
  }
}
