package io.github.huashu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggesterTest {

  private final Suggester suggester = Suggester.builder(TestCorpora.small()).build();

  @Test
  void reason_saysWhyItDidNotAnswer() {
    SuggestResult match = suggester.suggest("我的快递到哪了");
    SuggestResult clarify = suggester.suggest("运费谁承担");
    SuggestResult fallback = suggester.suggest("今天天气怎么样");
    SuggestResult onlyMetadata = suggester.suggest("订单编号:43894709052");

    assertThat(match.decision()).isEqualTo(Decision.MATCH);
    assertThat(match.reason()).isEmpty();
    assertThat(clarify.decision()).isEqualTo(Decision.CLARIFY);
    assertThat(clarify.reason()).matches("前两个意图相差 0\\.\\d\\d，小于区分阈值 0\\.20");
    assertThat(fallback.decision()).isEqualTo(Decision.FALLBACK);
    assertThat(fallback.reason()).matches("最高置信度 0\\.\\d\\d 低于回答阈值 0\\.50|没有意图与这个问题相关");
    assertThat(onlyMetadata.reason()).isEqualTo("消息里没有可匹配的文字（只有表情、订单号、链接等）");
    assertThat(onlyMetadata.facts()).containsEntry("订单号", "43894709052");
    assertThat(fallback.toJson()).contains("\"decision\":\"FALLBACK\",\"reason\":\"");
  }

  @Test
  void suggest_clearQuestion_matchesWithFullBundle() {
    SuggestResult r = suggester.suggest("七天无理由退货怎么退？拆封了还能退吗");

    assertThat(r.decision()).isEqualTo(Decision.MATCH);
    Suggestion top = r.answer().orElseThrow();
    assertThat(top.intent().id()).isEqualTo("returns.seven_day");
    assertThat(top.confidence()).isGreaterThan(0.7);
    Bundle b = top.intent().bundle();
    assertThat(top.intent().name()).isEqualTo("七天无理由退货");
    assertThat(top.intent().category()).isEqualTo("售后退换");
    assertThat(top.intent().scene()).isEqualTo("售后");
    assertThat(b.department()).isEqualTo("售后服务部");
    assertThat(b.collaborators()).containsExactly("仓储部", "物流部");
    assertThat(b.diagnosis()).contains("未拆封");
    assertThat(b.solution()).hasSize(3);
    assertThat(b.riskTip()).contains("二次销售");
    assertThat(b.related()).containsExactly("returns.shipping_fee", "exchange.request");
    assertThat(b.mustMention()).containsExactly("未拆封");
    // A calm shopper: 缓冲 → 解释 → 方案, then the intent's follow-up.
    assertThat(r.reply()).isEqualTo(b.reply().text() + b.followUp()).startsWith("亲，收到您的退货需求了。");
    assertThat(r.emotion().label()).isEqualTo(Emotion.Label.CALM);
    assertThat(top.why().matchedTerms()).contains("拆封");
    assertThat(top.why().nearestExample()).isNotEmpty();
    assertThat(r.knowledgeBaseVersion()).isEqualTo(TestCorpora.small().version());
  }

  @Test
  void bundleToJson_theFieldsASuggestionCarriesInline() {
    Suggestion top = suggester.suggest("七天无理由退货怎么退？拆封了还能退吗").answer().orElseThrow();
    String bundle = top.intent().bundle().toJson();

    assertThat(bundle)
        .startsWith("{\"diagnosis\":\"")
        .contains("\"department\":\"售后服务部\",\"collaborators\":[\"仓储部\",\"物流部\"]")
        .endsWith("]}");
    // In a result the same fields stand inline, between the intent's scene and its why.
    String inline = bundle.substring(1, bundle.length() - 1);
    assertThat(suggester.suggest("七天无理由退货怎么退？拆封了还能退吗").toJson())
        .contains("\"scene\":\"售后\"," + inline + ",\"why\":{");
  }

  @Test
  void suggest_outOfScope_fallsBack() {
    for (String question : List.of("今天天气怎么样", "红烧肉怎么做", "帮我推荐一只股票", "你们公司招人吗我想应聘")) {
      SuggestResult r = suggester.suggest(question);
      assertThat(r.decision()).as(question).isEqualTo(Decision.FALLBACK);
      assertThat(r.reply()).as(question).contains("人工客服").contains("工单");
    }
  }

  @Test
  void suggest_twoIntentsEquallyLikely_clarifies() {
    SuggestResult r = suggester.suggest("运费谁承担");

    assertThat(r.decision()).isEqualTo(Decision.CLARIFY);
    assertThat(r.suggestions())
        .extracting(s -> s.intent().id())
        .containsExactlyInAnyOrder("returns.shipping_fee", "exchange.shipping_fee");
    assertThat(r.reply()).matches("您是想咨询「(退货运费|换货运费)」还是「(退货运费|换货运费)」？");
    assertThat(r.answer()).isEmpty();
  }

  @Test
  void suggest_traditionalAndFullWidth_sameAsSimplified() {
    SuggestResult simplified = suggester.suggest("我的快递到哪了");
    SuggestResult traditional = suggester.suggest("我的快遞到哪了");
    SuggestResult fullWidth = suggester.suggest("能开发票吗？ＩＰＨＯＮＥ１５");

    assertThat(traditional.normalized()).isEqualTo(simplified.normalized());
    assertThat(traditional.answer().orElseThrow().intent().id()).isEqualTo("logistics.track");
    assertThat(traditional.answer().orElseThrow().confidence())
        .isEqualTo(simplified.answer().orElseThrow().confidence());
    assertThat(fullWidth.normalized()).isEqualTo("能开发票吗?iphone15");
    assertThat(fullWidth.answer().orElseThrow().intent().id()).isEqualTo("invoice.issue");
  }

  @Test
  void suggest_pinyinTypo_repairedTowardsTheCorpusWords() {
    SuggestResult r = suggester.suggest("推货的运费谁出啊");

    assertThat(r.normalized()).isEqualTo("退货的运费谁出啊");
    assertThat(r.suggestions())
        .extracting(s -> s.intent().id())
        .first()
        .isEqualTo("returns.shipping_fee");
  }

  @Test
  void suggest_emojiAndControlCharacters_keptAsSignalsAndIgnoredForMatching() {
    SuggestResult r = suggester.suggest("我的快递到哪了😡😡\u0007\u200B");

    assertThat(r.normalized()).isEqualTo("我的快递到哪了");
    assertThat(r.emoji()).containsExactly("😡", "😡");
    assertThat(r.answer().orElseThrow().intent().id()).isEqualTo("logistics.track");
  }

  @Test
  void suggest_formatCharactersInsideAngryWords_stillEscalates() {
    // Issue: 骗子 and 报警 with a joiner and a word joiner inside lost the escalation advice.
    SuggestResult plain = suggester.suggest("你们是骗子吧，我要报警");
    SuggestResult hidden = suggester.suggest("你们是骗\u200D子吧，我要报\u2060警");

    assertThat(hidden.emotion()).isEqualTo(plain.emotion());
    assertThat(hidden.advice()).isEqualTo(plain.advice());
    assertThat(hidden.advice()).extracting(Advice::kind).contains(Advice.Kind.ESCALATE);
    assertThat(hidden.question()).isEqualTo("你们是骗\u200D子吧，我要报\u2060警");
    assertThat(hidden.normalized()).isEqualTo(plain.normalized());
  }

  @Test
  void suggest_emojiSequence_keptWhole_strayJoinerDropped() {
    SuggestResult r = suggester.suggest("我的快递到\u200D哪了👨\u200D👩\u200D👧");

    assertThat(r.normalized()).isEqualTo("我的快递到哪了");
    assertThat(r.emoji()).containsExactly("👨\u200D👩\u200D👧");
  }

  @Test
  void suggest_formatCharactersInsideMetadata_stillTakenOut() {
    SuggestResult r = suggester.suggest("订单编号:4389\u200B4709052 我的快递到哪了");

    assertThat(r.facts()).containsEntry("订单号", "43894709052");
    assertThat(r.normalized()).isEqualTo("我的快递到哪了");
  }

  @Test
  void suggest_conversation_noiseAfterAnAnswer_neverAnsweredFromContext() {
    // Issue: after a return question, ?, a×1000, 哈×1000, Korean, Japanese and SQL were all
    // answered with the return intent. Context may lean a follow-up; it never turns noise into an
    // answer.
    List<String> noise =
        List.of(
            "?",
            "？？？",
            "a".repeat(1000),
            "哈".repeat(1000),
            "嗯",
            "123",
            "반품은 어떻게 하나요",
            "返品はどうすればいいですか",
            "いつ届きますか",
            "' OR 1=1 --",
            "SELECT * FROM orders WHERE id = 1; DROP TABLE orders;--");
    for (String message : noise) {
      Conversation c = Conversation.start("c");
      suggester.suggest(c, "七天无理由退货怎么退");

      SuggestResult r = suggester.suggest(c, message);

      assertThat(r.decision()).as(message).isEqualTo(Decision.FALLBACK);
      assertThat(r.suggestions()).as(message).isEqualTo(suggester.suggest(message).suggestions());
    }
  }

  @Test
  void suggest_conversation_followUpThatSaysSomething_stillReadInContext() {
    for (String[] followUp :
        new String[][] {{"那运费呢", "returns.shipping_fee"}, {"怎么退", "returns.seven_day"}}) {
      Conversation c = Conversation.start("c");
      suggester.suggest(c, "七天无理由退货怎么退");

      SuggestResult inContext = suggester.suggest(c, followUp[0]);

      assertThat(suggester.suggest(followUp[0]).decision()).isNotEqualTo(Decision.MATCH);
      assertThat(inContext.decision()).as(followUp[0]).isEqualTo(Decision.MATCH);
      assertThat(inContext.answer().orElseThrow().intent().id()).isEqualTo(followUp[1]);
    }
  }

  @Test
  void suggest_conversationFromASuggesterWithALongerLimit_readsOnlyTurnsItWouldAccept() {
    String long1500 = "我的快递到哪了".repeat(214) + "了了";
    String json =
        "{\"id\":\"c\",\"turns\":[{\"message\":\""
            + long1500
            + "\",\"intent\":\"logistics.track\",\"decision\":\"MATCH\"}]}";
    Conversation c = Conversation.fromJson(json, 2000);

    SuggestResult r = suggester.suggest(c, "怎么还没到");

    assertThat(r.decision()).isNotNull();
    assertThat(c.turns()).hasSize(2);
  }

  @Test
  void suggest_onlyEmoji_fallsBackWithoutSuggestions() {
    SuggestResult r = suggester.suggest("👍👍");

    assertThat(r.decision()).isEqualTo(Decision.FALLBACK);
    assertThat(r.suggestions()).isEmpty();
    assertThat(r.normalized()).isEmpty();
    assertThat(r.emoji()).containsExactly("👍", "👍");
  }

  @Test
  void suggest_randomUnicode_alwaysAnswersWithAValidResult() {
    java.util.Random random = new java.util.Random(42);
    int[][] ranges = {
      {0x0, 0x7F},
      {0x4E00, 0x9FFF},
      {0xFF00, 0xFFEF},
      {0x1F300, 0x1FAFF},
      {0xD800, 0xDFFF},
      {0x2000, 0x206F},
      {0x3000, 0x303F},
      {0x80, 0x10FFFF}
    };
    for (int i = 0; i < 300; i++) {
      StringBuilder question = new StringBuilder("x");
      int length = 1 + random.nextInt(60);
      for (int k = 0; k < length; k++) {
        int[] range = ranges[random.nextInt(ranges.length)];
        int cp = range[0] + random.nextInt(range[1] - range[0] + 1);
        if (cp >= 0xD800 && cp <= 0xDFFF) {
          question.append((char) cp); // a lone surrogate, as broken clients send
        } else {
          question.appendCodePoint(cp);
        }
      }
      SuggestResult r = suggester.suggest(question.toString());
      assertThat(r.question()).isEqualTo(question.toString());
      assertThat(r.reply()).as(question.toString()).isNotBlank();
      assertThat(r.knowledgeBaseVersion()).isEqualTo(suggester.knowledgeBase().version());
      assertThat(r.toJson()).startsWith("{\"decision\":\"" + r.decision() + "\"");
    }
  }

  @Test
  void suggest_blank_rejected() {
    assertThatThrownBy(() -> suggester.suggest(" \t "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a question but it was blank");
    assertThatThrownBy(() -> suggester.suggest(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a question but it was blank");
    assertThatThrownBy(() -> suggester.suggest((String) null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void suggest_tooLong_rejectedWithLength() {
    String question = "退货".repeat(5_000);

    assertThatThrownBy(() -> suggester.suggest(question))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a question of at most 1000 characters but it had 10000");
  }

  @Test
  void suggest_longestAllowed_answered() {
    String question = "我的快递到哪了".repeat(142);

    assertThat(suggester.suggest(question).answer().orElseThrow().intent().id())
        .isEqualTo("logistics.track");
  }

  @Test
  void suggest_perCallThresholds_changeTheDecision() {
    SuggestResult strict =
        suggester.suggest("我的快递到哪了", Thresholds.DEFAULT.withAnswer(1.0).withMargin(0));
    SuggestResult lenient = suggester.suggest("运费谁承担", new Thresholds(0.3, 0.2, 0));

    assertThat(strict.decision()).isEqualTo(Decision.FALLBACK);
    assertThat(strict.suggestions()).extracting(s -> s.intent().id()).startsWith("logistics.track");
    assertThat(lenient.decision()).isEqualTo(Decision.MATCH);
    assertThat(suggester.thresholds()).isEqualTo(Thresholds.DEFAULT);
  }

  @Test
  void suggest_topK_boundsSuggestions() {
    Suggester one =
        Suggester.builder(TestCorpora.small())
            .topK(1)
            .thresholds(new Thresholds(0.5, 0, 0.2))
            .build();

    assertThat(one.suggest("运费谁出").suggestions()).hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void suggest_confidencesAreProbabilities() {
    for (String question : List.of("运费谁承担", "我要取消订单", "忘记密码", "今天天气怎么样", "发票")) {
      SuggestResult r = suggester.suggest(question, new Thresholds(1, 0, 0));
      double sum = r.suggestions().stream().mapToDouble(Suggestion::confidence).sum();
      assertThat(sum).as(question).isLessThanOrEqualTo(1.0 + 1e-9);
      assertThat(r.suggestions())
          .as(question)
          .isSortedAccordingTo((a, b) -> Double.compare(b.confidence(), a.confidence()));
    }
  }

  @Test
  void builder_topK_rejectsBadValueAndSecondCall() {
    Suggester.Builder builder = Suggester.builder(TestCorpora.small());

    assertThatThrownBy(() -> builder.topK(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected topK >= 1 but was 0");
    builder.topK(2);
    assertThatThrownBy(() -> builder.topK(3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("topK was already set to 2");
  }

  @Test
  void builder_maxQuestionLength_applies() {
    Suggester shortOnly = Suggester.builder(TestCorpora.small()).maxQuestionLength(5).build();

    assertThatThrownBy(() -> shortOnly.suggest("我的快递到哪了"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a question of at most 5 characters but it had 7");
  }

  @Test
  void cache_offByDefault() {
    Suggester plain = Suggester.builder(TestCorpora.small()).build();
    plain.suggest("七天无理由退货怎么退");
    assertThat(plain.cacheStats()).isEqualTo(CacheStats.NONE);
  }

  @Test
  void cache_hitsForTheSameNormalisedQuestion_returnsTheQuestionAsAsked() {
    Suggester cached = Suggester.builder(TestCorpora.small()).cache(100).build();

    SuggestResult first = cached.suggest("七天无理由退货怎么退");
    SuggestResult again = cached.suggest("七天无理由退货怎么退");
    SuggestResult traditional = cached.suggest("七天無理由退貨怎麼退");

    assertThat(again).isEqualTo(first);
    assertThat(traditional.question()).isEqualTo("七天無理由退貨怎麼退");
    assertThat(traditional.suggestions()).isEqualTo(first.suggestions());
    assertThat(cached.cacheStats().hits()).isEqualTo(2);
    assertThat(cached.cacheStats().misses()).isEqualTo(1);
    assertThat(cached.cacheStats().hitRate()).isEqualTo(2 / 3.0);
  }

  @Test
  void cache_keysOnTheNormalisedTextAndThresholds_readsEachMessage_neverOnConversations() {
    Suggester cached = Suggester.builder(TestCorpora.small()).cache(100).build();

    SuggestResult calm = cached.suggest("退货运费谁出");
    SuggestResult angry = cached.suggest("退货运费谁出😡😡");
    cached.suggest("退货运费谁出", Thresholds.DEFAULT.withAnswer(0.9));
    cached.suggest(Conversation.start("c"), "退货运费谁出");

    assertThat(calm.emotion().label()).isEqualTo(Emotion.Label.CALM);
    assertThat(angry.emotion().isUpset()).isTrue();
    assertThat(angry.emoji()).containsExactly("😡", "😡");
    assertThat(angry.reply()).isNotEqualTo(calm.reply());
    assertThat(cached.cacheStats().misses()).isEqualTo(2);
    assertThat(cached.cacheStats().hits()).isEqualTo(1);
  }

  @Test
  void cache_spellingsOfOneText_sameResultAsUncached_whicheverCameFirst() {
    // Issue: a cached result depended on which spelling came first (a zero-width space inside
    // 投诉 read CALM, and the cache handed that to the plain spelling, or the other way round).
    Suggester uncached = Suggester.builder(TestCorpora.small()).build();
    List<List<String>> spellings =
        List.of(
            List.of("我要投诉，12315，退货运费谁出", "我要投\u200B诉，123\u200B15，退货运费谁出"),
            List.of("七天无理由退货怎么退", "七天無理由退貨怎麼退", "七天无理由退\u200D货怎么退", "七天无理由退货怎么退😭"),
            List.of("你们是骗子吧，我要报警", "你们是骗\u200D子吧，我要报\u2060警"));
    for (List<String> texts : spellings) {
      List<String> reversed = new java.util.ArrayList<>(texts);
      java.util.Collections.reverse(reversed);
      for (List<String> order : List.of(texts, reversed)) {
        Suggester cached = Suggester.builder(TestCorpora.small()).cache(100).build();
        for (String text : order) {
          assertThat(cached.suggest(text).toJson())
              .as(text)
              .isEqualTo(uncached.suggest(text).toJson());
        }
        assertThat(cached.cacheStats().hits()).as("%s", order).isEqualTo(order.size() - 1);
      }
    }
  }

  @Test
  void cache_perKnowledgeBase_neverAnswersFromAnotherCorpus() throws CorpusException {
    KnowledgeBase other = KnowledgeBase.load(TestCorpora.path("tsv-only"));
    Suggester a = Suggester.builder(TestCorpora.small()).cache(100).build();
    Suggester b = Suggester.builder(other).cache(100).build();

    String question = "七天无理由退货怎么退";
    assertThat(a.suggest(question).knowledgeBaseVersion()).isEqualTo(TestCorpora.small().version());
    assertThat(b.suggest(question).knowledgeBaseVersion()).isEqualTo(other.version());
    assertThat(a.suggest(question).knowledgeBaseVersion()).isEqualTo(TestCorpora.small().version());
  }

  @Test
  void cache_badSizesRejected() {
    assertThatThrownBy(() -> Suggester.builder(TestCorpora.small()).cache(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Suggester.builder(TestCorpora.small()).cache(5).cache(6))
        .isInstanceOf(IllegalStateException.class);
  }
}
