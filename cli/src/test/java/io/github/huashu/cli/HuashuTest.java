package io.github.huashu.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuashuTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Huashu.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private static String resource(String name) {
    try {
      return Path.of(HuashuTest.class.getResource("/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void ask_json_printsTheDocumentedObject() throws IOException {
    int code = run("ask", "--corpus", resource("corpus"), "--json", "七天无理由退货怎么退？拆封了还能退吗");

    assertThat(code).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("decision").asText()).isEqualTo("MATCH");
    JsonNode top = json.get("suggestions").get(0);
    assertThat(fieldNames(top))
        .contains(
            "intent",
            "name",
            "confidence",
            "category",
            "scene",
            "diagnosis",
            "solution",
            "risk_tip",
            "department",
            "collaborators",
            "reply",
            "related",
            "why");
    assertThat(top.get("intent").asText()).isEqualTo("returns.seven_day");
    assertThat(top.get("solution").isArray()).isTrue();
    assertThat(top.get("collaborators").get(0).asText()).isEqualTo("仓储部");
    assertThat(top.get("why").get("matched_terms").isArray()).isTrue();
    assertThat(json.get("kb_version").asText()).hasSize(12);
  }

  /**
   * A question from a file or a log may hold an escape sequence; the terminal never gets it (the
   * question is echoed in the output and in errors).
   */
  @Test
  void ask_controlCharactersInTheQuestion_notPrinted() {
    String question = "能开发票吗\u001b[31m\u001b]0;pwned\u0007\u009b";

    run("ask", "--corpus", resource("corpus"), "--top", "1", question);
    run("ask", "--corpus", resource("corpus"), "--top", "1", "\u001b[2J" + "x".repeat(2000));

    assertThat(out.toString() + err.toString())
        .isNotEmpty()
        .doesNotContain("\u001b")
        .doesNotContain("\u0007")
        .doesNotContain("\u009b");
  }

  @Test
  void terminalText_controlCharacters_shownAsReplacement() throws Exception {
    StringWriter shown = new StringWriter();
    try (PrintWriter w = new PrintWriter(new TerminalText(shown))) {
      w.print("a\u001b[31mb\tc\r\nd\u007f\u0085e");
      w.write('\u0007');
    }
    assertThat(shown.toString()).isEqualTo("a\ufffd[31mb\tc\r\nd\ufffd\ufffde\ufffd");
  }

  @Test
  void ask_humanReadable_showsTheBundle() {
    int code = run("ask", "--corpus", resource("corpus"), "--top", "1", "能开发票吗");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("决定: MATCH")
        .contains("开具发票  invoice.issue")
        .contains("问题诊断: 确认发票类型和抬头。")
        .contains("风险提示: 核对税号。");
  }

  @Test
  void ask_outOfScope_fallsBack() throws IOException {
    run("ask", "--corpus", resource("corpus"), "--json", "今天天气怎么样");

    assertThat(new ObjectMapper().readTree(out.toString()).get("decision").asText())
        .isEqualTo("FALLBACK");
  }

  @Test
  void ask_blankQuestion_isAClearError() {
    int code = run("ask", "--corpus", resource("corpus"), " ");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("error: expected a question but it was blank");
  }

  @Test
  void ask_brokenCorpus_listsProblemsAndExitsOne(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("a.yaml"), "intents:\n  - id: a.b\n    nmae: 错\n    examples: [一]\n", UTF_8);

    int code = run("ask", "--corpus", dir.toString(), "你好");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .contains("error: 2 problems:")
        .contains("a.yaml:2:5: intent 'a.b': missing field 'name'")
        .contains("a.yaml:3:5: intent 'a.b': unknown field 'nmae' (did you mean 'name'?)");
  }

  @Test
  void eval_json_hasExactlyTheDocumentedKeysFirst() throws IOException {
    int code =
        run("eval", "--corpus", resource("corpus"), "--cases", resource("cases.tsv"), "--json");

    assertThat(code).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(fieldNames(json))
        .startsWith("n", "top1", "top3", "mrr", "accuracy", "oos", "latency_us");
    assertThat(fieldNames(json.get("oos"))).containsExactly("precision", "recall", "f1");
    assertThat(fieldNames(json.get("latency_us"))).containsExactly("p50", "p99");
    assertThat(json.get("n").asInt()).isEqualTo(5);
    assertThat(json.get("top1").asDouble()).isEqualTo(1.0);
  }

  @Test
  void eval_humanReadable_listsFiguresAndConfusions(@TempDir Path dir) throws IOException {
    Path cases = dir.resolve("cases.tsv");
    Files.writeString(cases, "我的快递到哪了\tinvoice.issue\n能开发票吗\tinvoice.issue\n", UTF_8);

    int code =
        run("eval", "--corpus", resource("corpus"), "--cases", cases.toString(), "--failures");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("top1         50.0%")
        .contains("most confused (expected -> ranked first):")
        .contains("1  invoice.issue -> logistics.track")
        .contains("worst intents (accuracy):")
        .contains(cases + ":1  我的快递到哪了  expected invoice.issue");
  }

  @Test
  void ask_orderCard_isTakenOutAndShownAsFacts() {
    int code = run("ask", "--corpus", resource("corpus"), "订单编号:43894709052 订单金额:￥787 我的快递到哪了");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("决定: MATCH").contains("消息里的信息: 订单号=43894709052  订单金额=￥787");
  }

  @Test
  void ask_badUsage_refusedBeforeTheCorpusLoads() {
    // No --corpus: loading the sample would take seconds; these are refused first.
    assertThat(run("ask", "--answer-threshold", "2", "退货")).isEqualTo(2);
    assertThat(run("ask", "   ")).isEqualTo(2);
    assertThat(err.toString())
        .contains("error: expected the answer threshold in [0, 1] but was 2.0")
        .contains("error: expected a question but it was blank");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void ask_garbledArguments_refused() {
    String encoding = System.getProperty("sun.jnu.encoding");
    System.setProperty("sun.jnu.encoding", "ANSI_X3.4-1968");
    try {
      assertThat(run("ask", "??????")).isEqualTo(2);
    } finally {
      System.setProperty("sun.jnu.encoding", encoding);
    }
    assertThat(err.toString()).contains("look garbled; set LANG=C.UTF-8");
  }

  @Test
  void options_enumsInAnyCase_andLintTakesTheCorpusOptions() {
    assertThat(run("ask", "--corpus", resource("corpus"), "--segmenter", "smartcn", "能开发票吗"))
        .isZero();
    assertThat(
            run(
                "lint",
                "--corpus",
                resource("corpus"),
                "--segmenter",
                "hanlp",
                "--scoring",
                "auto"))
        .isZero();
  }

  @Test
  void ask_reasonShown_whenNotAnswered() {
    int code = run("ask", "--corpus", resource("corpus"), "今天天气怎么样");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("决定: FALLBACK")
        .containsPattern("原因: (最高置信度 0\\.\\d\\d 低于回答阈值 0\\.50|没有意图与这个问题相关)");
  }

  @Test
  void lintReply_mistypedIntent_didYouMean() {
    int code =
        run("lint-reply", "--corpus", resource("corpus"), "--intent", "returns.seven_dya", "好的");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("error: unknown intent 'returns.seven_dya' (did you mean 'returns.seven_day'?)");
  }

  @Test
  void eval_fragmentsAnsweredRateAndTargetPrecision(@TempDir Path dir) throws IOException {
    Path cases = dir.resolve("cases.tsv");
    Files.writeString(
        cases,
        String.join(
            "\n",
            "我的快递到哪了\tlogistics.track",
            "能开发票吗\tinvoice.issue",
            "运费谁承担\tlogistics.track",
            "那个呢\t_context",
            "红烧肉怎么做\t_none",
            ""),
        UTF_8);

    int code =
        run(
            "eval",
            "--corpus",
            resource("corpus"),
            "--cases",
            cases.toString(),
            "--target-precision",
            "1");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("cases        5 (3 in scope, 1 out of scope, 1 fragments)")
        .contains(
            "note         few cases: on 3 in scope, top1 66.7% could be anywhere from 20.8% to 93.9% (95% interval);")
        .contains("answered     66.7% of in-scope cases (MATCH)   precision of MATCH 1.000")
        .contains("fragments    1/1 not matched   0 matched with confidence >= 0.8")
        .contains("risk-coverage answering the most confident 50% of cases: precision")
        .containsPattern(
            "target       precision 1.00: --answer-threshold 0\\.\\d\\d --margin 0\\.\\d\\d")
        .contains(
            "give precision 1.000 on these cases, answering 66.7% of in-scope cases (2 MATCH)");
  }

  @Test
  void eval_targetPrecisionOutOfRange_isBadUsage() {
    int code =
        run(
            "eval",
            "--corpus",
            resource("corpus"),
            "--cases",
            resource("cases.tsv"),
            "--target-precision",
            "1.5");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("error: expected --target-precision in (0, 1] but was 1.5");
  }

  @Test
  void eval_jsonAllCases_listsEveryCase() throws IOException {
    int code =
        run(
            "eval",
            "--corpus",
            resource("corpus"),
            "--cases",
            resource("cases.tsv"),
            "--json",
            "--all-cases");

    assertThat(code).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("cases")).hasSize(5);
    assertThat(fieldNames(json.get("cases").get(0)))
        .containsExactly(
            "line",
            "question",
            "expected",
            "decision",
            "predicted",
            "confidence",
            "second",
            "rank",
            "right");
    assertThat(fieldNames(json))
        .contains("answered", "match_precision", "clarify", "risk_coverage", "context");
  }

  @Test
  void lint_brokenCorpus_exitsOneWithLocations(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("x.tsv"), "好的\n", UTF_8);

    int code = run("lint", "--corpus", dir.toString());

    assertThat(code).isEqualTo(1);
    assertThat(out.toString())
        .contains("x.tsv:1:1: expected 'question<TAB>intent_id' but found no tab")
        .contains("0 intents, 0 examples: 1 error, 0 warnings");
  }

  @Test
  void lint_warnings_reportedAndStrictFails(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("x.tsv"), "我要退货怎么操作\treturns\n我要退货怎么操作呀\texchange\n换个尺码\texchange\n", UTF_8);

    assertThat(run("lint", "--corpus", dir.toString())).isZero();
    assertThat(out.toString())
        .contains(
            "x.tsv:1:1: warning: intent 'returns' has 1 example; add 9 more, varied (at least 10 for its paraphrases to be matched reliably)")
        .contains(
            "x.tsv:2:1: warning: intent 'exchange': example '我要退货怎么操作呀' is nearly the same as an "
                + "example of intent 'returns' ('我要退货怎么操作') at x.tsv:1");
    assertThat(run("lint", "--corpus", dir.toString(), "--strict")).isEqualTo(1);
  }

  @Test
  void init_copiesTheSampleCorpus(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("my-corpus");

    assertThat(run("init", target.toString())).isZero();
    assertThat(target.resolve("corpus/README.md")).exists();
    assertThat(target.resolve("eval/heldout.tsv")).exists();
    assertThat(target.resolve("eval/real-heldout.tsv")).exists();
    // The corpus README's links hold in the copy.
    String readme = Files.readString(target.resolve("corpus/README.md"), UTF_8);
    assertThat(readme).contains("../eval/heldout.tsv").doesNotContain("../shared");
    assertThat(
            run(
                "eval",
                "--corpus",
                resource("corpus"),
                "--cases",
                target.resolve("eval/heldout.tsv").toString(),
                "--json"))
        .isZero();
    assertThat(run("init", target.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("exists and is not empty");
  }

  @Test
  void lintReply_json_findingsWithRuleAndSpan_exitOne() throws IOException {
    int code =
        run(
            "lint-reply",
            "--corpus",
            resource("corpus"),
            "--json",
            "--message",
            "太过分了！！我要投诉",
            "这不是我们的问题，很快处理");

    assertThat(code).isEqualTo(1);
    JsonNode findings = new ObjectMapper().readTree(out.toString()).get("findings");
    assertThat(findings.size()).isGreaterThanOrEqualTo(3);
    assertThat(fieldNames(findings.get(0)))
        .containsExactly("rule", "start", "end", "message", "suggestion");
    List<String> rules = new ArrayList<>();
    findings.forEach(f -> rules.add(f.get("rule").asText()));
    assertThat(rules).contains("negative-phrase", "vague-time", "no-empathy");
  }

  @Test
  void lintReply_goodDraft_exitZero_unknownIntent_exitTwo() {
    assertThat(run("lint-reply", "--corpus", resource("corpus"), "好的，24小时内给您答复。")).isZero();
    assertThat(out.toString()).contains("没有发现问题");
    assertThat(run("lint-reply", "--corpus", resource("corpus"), "--intent", "no.such", "好的"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("unknown intent 'no.such'");
  }

  @Test
  void chat_answersEachLineInContext() throws IOException {
    java.io.InputStream stdin = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream("七天无理由退货怎么退\n怎么还不退！！\n".getBytes(UTF_8)));
      int code = run("chat", "--corpus", resource("corpus"), "--json");

      assertThat(code).isZero();
      String[] lines = out.toString().strip().split("\n");
      assertThat(lines).hasSize(2);
      JsonNode second = new ObjectMapper().readTree(lines[1]);
      assertThat(fieldNames(second)).contains("emotion", "advice", "unfilled");
      assertThat(second.get("emotion").get("label").asText()).isNotEqualTo("CALM");
    } finally {
      System.setIn(stdin);
    }
  }

  private int runWithInput(byte[] input, String... args) {
    java.io.InputStream stdin = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream(input));
      return run(args);
    } finally {
      System.setIn(stdin);
    }
  }

  private static byte[] bytes(Object... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (Object part : parts) {
      byte[] b = part instanceof String text ? text.getBytes(UTF_8) : (byte[]) part;
      out.write(b, 0, b.length);
    }
    return out.toByteArray();
  }

  @Test
  void ask_standardInputNotUtf8_lineRefusedWithItsNumber_theOthersAnswered() throws IOException {
    // Issue: invalid UTF-8 silently became U+FFFD and was answered.
    byte[] input = bytes("能开发票吗\n", "退货", new byte[] {(byte) 0xFF}, "运费\n", "今天天气怎么样\n");

    int code = runWithInput(input, "ask", "--corpus", resource("corpus"), "--json");

    assertThat(code).isEqualTo(2);
    String[] lines = out.toString().strip().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(new ObjectMapper().readTree(lines[1]).get("question").asText()).isEqualTo("今天天气怎么样");
    assertThat(out.toString()).doesNotContain("\uFFFD");
    assertThat(err.toString())
        .contains(
            "error: line 2 of standard input: expected UTF-8 but byte 7 is 0xFF; the line was"
                + " skipped")
        .contains("error: 1 line of standard input was not UTF-8 and skipped");
  }

  @Test
  void ask_carriageReturnInsideALine_isOneQuestion_crlfEndsALine() throws IOException {
    // Issue: a CR inside a line split it into two questions.
    int code =
        runWithInput(
            bytes("能开\r发票吗\r\n七天无理由退货怎么退\r\n"), "ask", "--corpus", resource("corpus"), "--json");

    assertThat(code).isZero();
    String[] lines = out.toString().strip().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(new ObjectMapper().readTree(lines[0]).get("question").asText()).isEqualTo("能开\r发票吗");
    assertThat(new ObjectMapper().readTree(lines[1]).get("question").asText())
        .isEqualTo("七天无理由退货怎么退");
  }

  @Test
  void ask_thresholdNotANumber_badUsage() {
    assertThat(run("ask", "--answer-threshold", "NaN", "退货")).isEqualTo(2);
    assertThat(run("ask", "--margin", "NaN", "退货")).isEqualTo(2);
    assertThat(run("ask", "--suggestion-threshold", "-0.1", "退货")).isEqualTo(2);

    assertThat(err.toString())
        .contains("error: expected the answer threshold in [0, 1] but was NaN")
        .contains("error: expected the margin threshold in [0, 1] but was NaN")
        .contains("error: expected the suggestion threshold in [0, 1] but was -0.1");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void chat_blankId_badUsageBeforeTheCorpusLoads() {
    // Issue: chat --id "" exited 1 (an internal error) after loading the corpus.
    assertThat(runWithInput(bytes("你好\n"), "chat", "--id", "")).isEqualTo(2);
    assertThat(runWithInput(bytes("你好\n"), "chat", "--id", " ")).isEqualTo(2);

    assertThat(err.toString()).contains("error: expected a conversation id but it was blank");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void chat_standardInputNotUtf8_lineRefused_conversationGoesOn() {
    byte[] input = bytes("七天无理由退货怎么退\n", new byte[] {(byte) 0xC3, '(', '\n'}, "那运费谁出？\n");

    int code = runWithInput(input, "chat", "--corpus", resource("corpus"), "--json");

    assertThat(code).isEqualTo(2);
    assertThat(out.toString().strip().split("\n")).hasSize(2);
    assertThat(err.toString())
        .contains(
            "error: line 2 of standard input: expected UTF-8 but byte 1 is 0xC3; the line was"
                + " skipped");
  }

  @Test
  void lintReply_standardInputNotUtf8_badUsage() {
    int code =
        runWithInput(
            bytes("很快", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "处理"),
            "lint-reply",
            "--corpus",
            resource("corpus"));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("error: standard input: expected UTF-8 but byte 7 is 0xED");
  }
}
