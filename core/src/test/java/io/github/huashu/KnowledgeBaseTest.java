package io.github.huashu;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeBaseTest {

  @TempDir Path dir;

  private void write(String name, String content) throws IOException {
    Files.writeString(dir.resolve(name), content, UTF_8);
  }

  @Test
  void load_brokenCorpus_reportsEveryProblemWithFileLineColumnAndField() throws IOException {
    write(
        "a.yaml",
        String.join(
            "\n",
            "intents:",
            "  - id: order.cancel",
            "    name: 取消订单",
            "    exampels:",
            "      - 我要取消订单",
            "  - id: order.cancel",
            "    name: 重复",
            "    examples: [取消]",
            "  - id: x.y",
            "    name: 有相关",
            "    related: [order.cancle, nope.nope]",
            "    examples: []",
            "    ticket: yes please",
            ""));
    write("b.tsv", "我要退货\t\n没有tab\n退货\torder.cancl\n");
    write("c.yaml", "intents:\n  - id: ok.one\n    examples:\n      - 好的\n     - 坏的缩进\n");
    write(
        "d.json", "{\"intents\": [{\"id\": \"j.one\", \"name\": \"J\", \"examples\": [\"a\"],}]}");

    CorpusException e = catchThrowableOfType(CorpusException.class, () -> KnowledgeBase.load(dir));

    assertThat(e.problems())
        .extracting(CorpusProblem::toString)
        .containsExactly(
            "a.yaml:2:5: intent 'order.cancel': has no examples (add 'examples' or lines in a .tsv file)",
            "a.yaml:4:5: intent 'order.cancel': unknown field 'exampels' (did you mean 'examples'?)",
            "a.yaml:6:5: intent 'order.cancel' is already defined at a.yaml:2:5",
            "a.yaml:11:15: intent 'x.y': related intent 'order.cancle' does not exist (did you mean 'order.cancel'?)",
            "a.yaml:11:29: intent 'x.y': related intent 'nope.nope' does not exist",
            "a.yaml:12:15: intent 'x.y': examples must not be empty",
            "a.yaml:13:13: intent 'x.y': 'ticket' must be true or false but was the text 'yes please'",
            "b.tsv:1:6: intent id must not be empty",
            "b.tsv:2:1: expected 'question<TAB>intent_id' but found no tab",
            "b.tsv:3:4: unknown intent 'order.cancl' (did you mean 'order.cancel'?)",
            "c.yaml:5:6: not well-formed YAML: while parsing a block mapping, expected <block end>, but found '<block sequence start>'",
            "d.json:1:61: not well-formed JSON: Unexpected character ('}' (code 125)): was expecting double-quote to start field name");
    assertThat(e.problems())
        .extracting(CorpusProblem::field)
        .startsWith(
            "examples", "exampels", "id", "related", "related", "examples", "ticket", "intent");
    assertThat(e.getMessage()).startsWith("corpus has 12 problems");
  }

  @Test
  void load_wrongTypes_reported() throws IOException {
    write(
        "a.yaml",
        String.join(
            "\n",
            "defaults:",
            "  category: [不是文字]",
            "intents:",
            "  - id: a.b",
            "    name: 名字",
            "    solution: 应该是列表",
            "    reply: {buffer: 好的, explian: 错字, solution: 方案}",
            "    examples: [一, {二: 三}]",
            "  - just a string",
            "  - name: 没有id",
            "    examples: [一]",
            ""));

    CorpusException e = catchThrowableOfType(CorpusException.class, () -> KnowledgeBase.load(dir));

    assertThat(e.problems())
        .extracting(CorpusProblem::toString)
        .containsExactly(
            "a.yaml:2:13: defaults: 'category' must be text but was a list",
            "a.yaml:6:15: intent 'a.b': 'solution' must be a list but was the text '应该是列表'",
            "a.yaml:7:25: intent 'a.b': reply: unknown field 'explian' (did you mean 'explain'?)",
            "a.yaml:8:19: intent 'a.b': 'examples' item 2 must be non-blank text but was a mapping",
            "a.yaml:9:5: intents[1]: expected an intent (a mapping) but found the text 'just a string'",
            "a.yaml:10:5: intents[2]: missing field 'id'");
  }

  @Test
  void load_missingFolder_reported() {
    Path missing = dir.resolve("nope");

    CorpusException e =
        catchThrowableOfType(CorpusException.class, () -> KnowledgeBase.load(missing));

    assertThat(e.problems())
        .extracting(CorpusProblem::toString)
        .containsExactly(missing + ": corpus folder does not exist");
  }

  @Test
  void load_emptyFolder_reported() {
    CorpusException e = catchThrowableOfType(CorpusException.class, () -> KnowledgeBase.load(dir));

    assertThat(e.problems())
        .extracting(CorpusProblem::message)
        .containsExactly("no scenario files (*.yaml, *.yml, *.json, *.tsv) in the folder");
  }

  @Test
  void load_notUtf8_reportedWithLine() throws IOException {
    Files.write(
        dir.resolve("x.tsv"),
        new byte[] {'a', '\t', 'b', '\n', (byte) 0xC4, (byte) 0xE3, '\t', 'b', '\n'});

    CorpusException e = catchThrowableOfType(CorpusException.class, () -> KnowledgeBase.load(dir));

    assertThat(e.problems())
        .extracting(CorpusProblem::toString)
        .containsExactly("x.tsv:2: file is not UTF-8 (byte 4)");
  }

  @Test
  void load_tsvOnly_isAValidCorpusWithEmptyBundles() throws CorpusException {
    KnowledgeBase kb = KnowledgeBase.load(TestCorpora.path("tsv-only"));

    assertThat(kb.intents())
        .extracting(Intent::id)
        .containsExactly("weather", "music.play", "alarm.set");
    Intent weather = kb.intent("weather").orElseThrow();
    assertThat(weather.bundle()).isEqualTo(Bundle.EMPTY);
    assertThat(weather.name()).isEqualTo("weather");
    assertThat(weather.examples()).hasSize(5);
    SuggestResult r = Suggester.builder(kb).build().suggest("后天天气怎么样");
    assertThat(r.suggestions()).extracting(s -> s.intent().id()).first().isEqualTo("weather");
  }

  @Test
  void load_yamlAndTsv_tsvExamplesJoinTheirIntentAndNoneIsNotAnIntent()
      throws IOException, CorpusException {
    write("a.yaml", "intents:\n  - id: order.cancel\n    name: 取消订单\n    examples: [我要取消订单]\n");
    write("more.tsv", "# chat log\n帮我把订单取消了\torder.cancel\n\n今天天气怎么样\t_none\n");

    KnowledgeBase kb = KnowledgeBase.load(dir);

    assertThat(kb.intents()).extracting(Intent::id).containsExactly("order.cancel");
    assertThat(kb.intent("order.cancel").orElseThrow().examples())
        .containsExactly("我要取消订单", "帮我把订单取消了");
  }

  @Test
  void load_contextLabel_isNotAnIntent_andAMistypedLabelIsReported()
      throws IOException, CorpusException {
    write("a.yaml", "intents:\n  - id: order.cancel\n    name: 取消订单\n    examples: [我要取消订单]\n");
    write("log.tsv", "帮我把订单取消了\torder.cancel\n可收到?\t_context\n今天天气怎么样\t_none\n");

    KnowledgeBase kb = KnowledgeBase.load(dir);

    assertThat(kb.intents()).extracting(Intent::id).containsExactly("order.cancel");

    write("typo.tsv", "怎么修改呢\t_contxt\n那个呢\t_other\n");
    CorpusException e = catchThrowableOfType(CorpusException.class, () -> KnowledgeBase.load(dir));
    assertThat(e.problems())
        .extracting(CorpusProblem::toString)
        .containsExactly(
            "typo.tsv:1:7: unknown label '_contxt': expected an intent id, '_none' or '_context' (did you mean '_context'?)",
            "typo.tsv:2:5: unknown label '_other': expected an intent id, '_none' or '_context'");
  }

  @Test
  void load_metadataSection_problemsLocated() throws IOException {
    write(
        "a.yaml",
        String.join(
            "\n",
            "metadata:",
            "  - pattern: '工单#(?<value>\\d+'",
            "    fact: 工单号",
            "  - patern: x",
            "  - 来自小红书",
            "intents:",
            "  - id: order.cancel",
            "    name: 取消订单",
            "    examples: [我要取消订单]",
            ""));
    write("b.yaml", "metadata: {pattern: x}\n");

    CorpusException e = catchThrowableOfType(CorpusException.class, () -> KnowledgeBase.load(dir));

    assertThat(e.problems())
        .extracting(CorpusProblem::toString)
        .containsExactly(
            "a.yaml:2:14: metadata[0]: pattern '工单#(?<value>\\d+' is not a regular expression: Unclosed group at index 15",
            "a.yaml:4:5: metadata[1]: unknown field 'patern' (did you mean 'pattern'?)",
            "a.yaml:4:5: metadata[1]: missing field 'pattern'",
            "a.yaml:5:5: expected 'metadata[2]' to be a mapping but found the text '来自小红书'",
            "b.yaml:1:11: expected 'metadata' to be a list of {pattern, fact} but found a mapping");
  }

  @Test
  void load_metadataSection_itsPatternsAreTakenOutAndKeptAsFacts()
      throws IOException, CorpusException {
    write(
        "a.yaml",
        String.join(
            "\n",
            "metadata:",
            "  - pattern: '工单#(?<value>[A-Z]\\d+)'",
            "    fact: 工单号",
            "  - pattern: 来自小红书",
            "intents:",
            "  - id: refund.progress",
            "    name: 退款进度",
            "    reply: 您的工单{工单号}正在处理，退款会按原路退回。",
            "    examples: [退款什么时候到账, 钱怎么还没退回来, 退款到哪了, 退的钱没收到]",
            "  - id: order.cancel",
            "    name: 取消订单",
            "    examples: [我要取消订单, 订单不要了, 帮我取消, 拍错了取消一下]",
            ""));
    Suggester suggester = Suggester.builder(KnowledgeBase.load(dir)).build();

    SuggestResult r = suggester.suggest("来自小红书 工单#W1234 退款什么时候到账");

    assertThat(r.normalized()).isEqualTo("退款什么时候到账");
    assertThat(r.facts()).containsExactly(entry("工单号", "W1234"));
    assertThat(r.reply()).contains("您的工单W1234正在处理").doesNotContain("{工单号}");
  }

  @Test
  void loader_stripMetadata_false_keepsTheBuiltInsButNotTheCorpusOwn()
      throws IOException, CorpusException {
    write(
        "a.yaml",
        String.join(
            "\n",
            "metadata:",
            "  - pattern: 来自小红书",
            "intents:",
            "  - id: order.cancel",
            "    name: 取消订单",
            "    examples: [我要取消订单, 订单不要了, 帮我取消, 拍错了取消一下]",
            ""));
    KnowledgeBase kb = KnowledgeBase.loader().stripMetadata(false).load(dir);

    SuggestResult r = Suggester.builder(kb).build().suggest("来自小红书 订单编号:43894709052 我要取消订单");

    assertThat(r.normalized()).isEqualTo("订单编号:43894709052 我要取消订单");
    assertThat(r.facts()).isEmpty();
    assertThatThrownBy(() -> KnowledgeBase.loader().stripMetadata(false).stripMetadata(true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("stripMetadata was already set to false");
  }

  @Test
  void suggest_plainStringReply_sentAsWritten_withoutAnotherOpening()
      throws IOException, CorpusException {
    write(
        "a.yaml",
        String.join(
            "\n",
            "intents:",
            "  - id: shoes.care",
            "    name: 清洗保养",
            "    reply: 亲，鞋子建议用软毛刷蘸清水轻刷，不要机洗暴晒。",
            "    examples: [这鞋能机洗吗, 小白鞋脏了怎么清洗, 鞋面发黄怎么办, 麂皮的鞋怎么保养, 洗完鞋能放太阳下晒吗]",
            ""));

    SuggestResult r = Suggester.builder(KnowledgeBase.load(dir)).build().suggest("这鞋能机洗吗");

    assertThat(r.decision()).isEqualTo(Decision.MATCH);
    assertThat(r.reply()).isEqualTo("亲，鞋子建议用软毛刷蘸清水轻刷，不要机洗暴晒。");
  }

  @Test
  void load_multiLineChineseText_foldedWithoutSpaces() throws IOException, CorpusException {
    write(
        "a.yaml",
        String.join(
            "\n",
            "intents:",
            "  - id: a.b",
            "    name: 名字",
            "    diagnosis: 先核对签收时间，",
            "      再确认商品状态（未拆封），",
            "      check the SKU label。",
            "    examples: [一个例句]",
            ""));

    Intent intent = KnowledgeBase.load(dir).intent("a.b").orElseThrow();

    assertThat(intent.bundle().diagnosis()).isEqualTo("先核对签收时间，再确认商品状态（未拆封），check the SKU label。");
  }

  @Test
  void version_isAContentHash() throws IOException, CorpusException {
    write("a.tsv", "我要取消订单\torder.cancel\n帮我查物流\tlogistics.track\n");
    String first = KnowledgeBase.load(dir).version();
    String again = KnowledgeBase.load(dir).version();
    write("a.tsv", "我要取消订单\torder.cancel\n帮我查一下物流\tlogistics.track\n");
    String changed = KnowledgeBase.load(dir).version();

    assertThat(first).hasSize(12).matches("[0-9a-f]+").isEqualTo(again).isNotEqualTo(changed);
  }

  @Test
  void load_failedReload_leavesTheServingKnowledgeBaseIntact() throws IOException, CorpusException {
    write(
        "a.tsv",
        "我要取消订单\torder.cancel\n取消一下订单\torder.cancel\n帮我查物流\tlogistics.track\n物流到哪了\tlogistics.track\n");
    KnowledgeBase serving = KnowledgeBase.load(dir);
    Suggester suggester = Suggester.builder(serving).build();
    SuggestResult before = suggester.suggest("物流到哪了");
    write("a.tsv", "我要取消订单 order.cancel\n");

    assertThatThrownBy(() -> KnowledgeBase.load(dir)).isInstanceOf(CorpusException.class);
    assertThat(suggester.suggest("物流到哪了")).isEqualTo(before);
    assertThat(serving.intents()).hasSize(2);
  }

  @Test
  void load_twice_givesTheSameAnswers() throws CorpusException {
    // Training runs on several threads; the model must not depend on their timing.
    KnowledgeBase again = KnowledgeBase.load(TestCorpora.path("small"));
    Suggester first = Suggester.builder(TestCorpora.small()).build();
    Suggester second = Suggester.builder(again).build();

    for (String question : List.of("运费谁承担", "我的快递到哪了", "今天天气怎么样", "忘记密码了怎么办", "换货怎么弄")) {
      assertThat(second.suggest(question)).as(question).isEqualTo(first.suggest(question));
    }
  }

  @Test
  void load_centroids_answersTheClearQuestion() throws CorpusException {
    KnowledgeBase kb =
        KnowledgeBase.loader()
            .scoring(KnowledgeBase.Scoring.CENTROIDS)
            .load(TestCorpora.path("small"));

    SuggestResult r = Suggester.builder(kb).build().suggest("七天无理由退货怎么退？拆封了还能退吗");

    assertThat(r.suggestions().get(0).intent().id()).isEqualTo("returns.seven_day");
    assertThatThrownBy(
            () ->
                KnowledgeBase.loader()
                    .scoring(KnowledgeBase.Scoring.AUTO)
                    .scoring(KnowledgeBase.Scoring.CENTROIDS))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void loader_segmenter_setOnce() {
    KnowledgeBase.Loader loader =
        KnowledgeBase.loader()
            .segmenter(io.github.huashu.analyzers.ChineseAnalyzers.Segmenter.SMARTCN);

    assertThatThrownBy(
            () -> loader.segmenter(io.github.huashu.analyzers.ChineseAnalyzers.Segmenter.HANLP))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("segmenter was already set to SMARTCN");
  }

  @Test
  void load_smartcn_answersToo() throws CorpusException {
    KnowledgeBase kb =
        KnowledgeBase.loader()
            .segmenter(io.github.huashu.analyzers.ChineseAnalyzers.Segmenter.SMARTCN)
            .load(TestCorpora.path("small"));

    SuggestResult r = Suggester.builder(kb).build().suggest("我想查一下我的快递到哪了");
    assertThat(r.suggestions())
        .extracting(s -> s.intent().id())
        .first()
        .isEqualTo("logistics.track");
  }

  @Test
  void lintReply_formatCharactersInsidePhrases_foundWithSpansInTheDraftAsTyped() {
    // Issue: a zero-width space inside 这不是我们的问题 and 很快 hid both from the checker.
    String draft = "这不是我们的\u200B问题，很\u200B快处理";

    List<Finding> findings = TestCorpora.small().lintReply(draft, DraftContext.NONE).findings();

    assertThat(findings)
        .extracting(Finding::rule, Finding::start, Finding::end)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Finding.Rule.NEGATIVE_PHRASE, 0, 9),
            org.assertj.core.groups.Tuple.tuple(Finding.Rule.VAGUE_TIME, 10, 13));
    assertThat(draft.substring(0, 9)).isEqualTo("这不是我们的\u200B问题");
    assertThat(draft.substring(10, 13)).isEqualTo("很\u200B快");
    assertThat(findings.get(1).message()).isEqualTo("「很快」没有给出具体时间，顾客无从等待");
  }

  @Test
  void lintReply_hiddenShopperAnger_stillNeedsEmpathy() {
    List<Finding> findings =
        TestCorpora.small()
            .lintReply(
                "\uFEFF好的，24小时内给您答复。",
                DraftContext.NONE.withShopperMessage("我要投\u200B诉，123\u200B15"))
            .findings();

    assertThat(findings)
        .extracting(Finding::rule, Finding::start, Finding::end)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Finding.Rule.NO_EMPATHY, 1, 14));
  }

  @Test
  void intents_areImmutable() {
    List<Intent> intents = TestCorpora.small().intents();

    assertThatThrownBy(() -> intents.add(intents.get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> intents.get(0).examples().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
