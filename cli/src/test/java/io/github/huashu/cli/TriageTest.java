package io.github.huashu.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.huashu.CorpusException;
import io.github.huashu.KnowledgeBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriageTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir Path dir;

  private int run(String... args) {
    return Huashu.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private static Path corpus() {
    try {
      return Path.of(TriageTest.class.getResource("/corpus").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path log(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, UTF_8);
    return file;
  }

  private int triage(Path log, String... more) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "triage",
            "--corpus",
            corpus().toString(),
            "--log",
            log.toString(),
            "--out",
            dir.resolve("out").toString()));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  /** The messages of a written file: its lines that are not comments or blank, first field. */
  private List<String> messages(String file) throws IOException {
    try (Stream<String> lines = Files.lines(dir.resolve("out").resolve(file), UTF_8)) {
      return lines
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(l -> l.split("\t")[0])
          .sorted()
          .toList();
    }
  }

  private List<String> allMessages() throws IOException {
    List<String> all = new ArrayList<>(messages("answered.tsv"));
    all.addAll(messages("unanswered.tsv"));
    return all.stream().sorted().toList();
  }

  @Test
  void triage_plainLog_isDetectedAndEveryMessageLandsInOneFile() throws IOException {
    Path log = log("chat.txt", "我的快递怎么还没到啊\n今天天气怎么样\n能开发票吗\n");

    int code = triage(log);

    assertThat(code).isZero();
    assertThat(err.toString()).isEmpty();
    assertThat(out.toString())
        .contains("(plain, detected, the whole line)")
        .contains("lines        3: 3 messages, 0 comments, 0 blank, 0 malformed");
    assertThat(allMessages()).containsExactly("今天天气怎么样", "我的快递怎么还没到啊", "能开发票吗");
    assertThat(messages("unanswered.tsv")).contains("今天天气怎么样");
    assertThat(messages("answered.tsv")).contains("能开发票吗");
  }

  @Test
  void triage_tsvWithHeader_readsTheNamedColumn() throws IOException {
    Path log =
        log(
            "chat.tsv",
            "session\tmessage\tagent\n" + "s1\t能开发票吗\t张三丰客服专员一号\n" + "s2\t今天天气怎么样\t张三丰客服专员一号\n");

    int code = triage(log);

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("(tsv, detected, column 2 (message))")
        .contains("lines        3: 2 messages");
    assertThat(allMessages()).containsExactly("今天天气怎么样", "能开发票吗");
  }

  @Test
  void triage_tsvWithHeaderInAComment_readsTheColumnAndKeepsTheAttribution() throws IOException {
    Path log =
        log(
            "real.tsv",
            "# id\tmessage  (real shopper messages; see README.md in this folder)\n"
                + "r1\t能开发票吗\n"
                + "r2\t今天天气怎么样\n");

    int code = triage(log);

    assertThat(code).isZero();
    assertThat(out.toString()).contains("(tsv, detected, column 2 (message))");
    assertThat(allMessages()).containsExactly("今天天气怎么样", "能开发票吗");
    for (String file : List.of("answered.tsv", "unanswered.tsv")) {
      assertThat(Files.readString(dir.resolve("out").resolve(file), UTF_8))
          .contains("# source: " + log + " (tsv, detected, column 2 (message))\n")
          .contains(
              "# source comment: id message  (real shopper messages; see README.md in this folder)\n");
    }
  }

  @Test
  void triage_tsvWithoutHeader_readsTheLongestColumn() throws IOException {
    Path log = log("chat.tsv", "1\t能开发票吗\tok\n2\t今天天气怎么样\tok\n");

    triage(log);

    assertThat(out.toString()).contains("(tsv, detected, column 2)");
    assertThat(allMessages()).containsExactly("今天天气怎么样", "能开发票吗");
  }

  @Test
  void triage_columnByNumber_readsThatColumn() throws IOException {
    Path log = log("chat.tsv", "能开发票吗\t今天天气怎么样的问题很长很长\n");

    triage(log, "--column", "1");

    assertThat(allMessages()).containsExactly("能开发票吗");
  }

  @Test
  void triage_unknownColumnName_isBadUsage() throws IOException {
    Path log = log("chat.tsv", "id\ttext\n1\t能开发票吗\n");

    int code = triage(log, "--column", "body");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "error: expected a column named 'body' in the header of "
                + log
                + " but found id, text\n");
  }

  @Test
  void triage_jsonLines_readsTheTextField() throws IOException {
    Path log =
        log(
            "chat.jsonl",
            "{\"text\": \"能开发票吗\", \"user\": 1}\n{\"user\": 2, \"text\": \"今天天气怎么样\"}\n");

    int code = triage(log);

    assertThat(code).isZero();
    assertThat(out.toString()).contains("(jsonl, detected, field 'text')");
    assertThat(allMessages()).containsExactly("今天天气怎么样", "能开发票吗");
  }

  @Test
  void triage_jsonLinesWithField_readsThatField() throws IOException {
    Path log = log("chat.jsonl", "{\"body\": \"能开发票吗\", \"text\": \"x\"}\n");

    triage(log, "--field", "body");

    assertThat(allMessages()).containsExactly("能开发票吗");
  }

  @Test
  void triage_formatOverride_readsTabbedLinesAsPlain() throws IOException {
    Path log = log("chat.tsv", "1\t能开发票吗\n2\t今天天气怎么样\n");

    triage(log, "--format", "plain");

    assertThat(out.toString()).contains("(plain, the whole line)");
    assertThat(allMessages()).containsExactly("1 能开发票吗", "2 今天天气怎么样");
  }

  @Test
  void triage_emptyFile_writesHeadersOnlyAndExitsZero() throws IOException {
    Path log = log("empty.txt", "");

    int code = triage(log);

    assertThat(code).isZero();
    assertThat(err.toString()).isEmpty();
    assertThat(out.toString())
        .contains("lines        0: 0 messages, 0 comments, 0 blank, 0 malformed")
        .contains("messages     0, 0 distinct")
        .contains("unanswered   0 messages in 0 clusters");
    assertThat(allMessages()).isEmpty();
  }

  @Test
  void triage_emptyAndMalformedLines_areReportedWithLineNumbers() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(
        ("{\"text\": \"能开发票吗\"}\n"
                + "\n"
                + "{\"text\": \"今天天气\n"
                + "{\"user\": 3}\n"
                + "{\"text\": 42}\n"
                + "{\"text\": \"  \"}\n"
                + "[1, 2]\n")
            .getBytes(UTF_8));
    bytes.writeBytes(
        new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, '"', '}'});
    bytes.writeBytes(("\n{\"text\": \"" + "好".repeat(1001) + "\"}\n").getBytes(UTF_8));
    bytes.writeBytes("{\"text\": \"今天天气怎么样\"}\n".getBytes(UTF_8));
    Path log = dir.resolve("chat.jsonl");
    Files.write(log, bytes.toByteArray());

    int code = triage(log);

    assertThat(code).isZero();
    assertThat(err.toString().lines())
        .containsExactly(
            "error: line 8 of "
                + log
                + ": expected UTF-8 but byte 10 is 0xC3; the line was skipped",
            "error: line 3 of "
                + log
                + ": not JSON: Unexpected end-of-input: was expecting closing quote for a string value; the line was skipped",
            "error: line 4 of "
                + log
                + ": expected a field 'text' but there was none; the line was skipped",
            "error: line 5 of "
                + log
                + ": expected field 'text' to be a string but found number; the line was skipped",
            "error: line 6 of " + log + ": the message is empty; the line was skipped",
            "error: line 7 of "
                + log
                + ": expected a JSON object but found array; the line was skipped",
            "error: line 9 of "
                + log
                + ": expected a message of at most 1000 characters but it had 1001; the line was skipped");
    assertThat(out.toString())
        .contains("lines        10: 2 messages, 0 comments, 1 blank, 7 malformed (reported above)");
    assertThat(allMessages()).containsExactly("今天天气怎么样", "能开发票吗");
  }

  @Test
  void triage_duplicatesAndNearDuplicates_areFoldedWithTheirCount() throws IOException {
    Path log =
        log(
            "chat.txt",
            "红烧肉怎么做才好吃呢\n"
                + "红烧肉怎么做才好吃呢？\n"
                + "紅燒肉怎麼做才好吃呢\n"
                + "红烧肉怎么做才好吃呢啊\n"
                + "订单12345678的发票抬头写错了\n"
                + "订单99887766的发票抬头写错了\n");

    triage(log);

    assertThat(out.toString())
        .contains("messages     6, 2 distinct: 3 exact duplicates and 1 near-duplicates folded");
    assertThat(allMessages()).containsExactly("红烧肉怎么做才好吃呢", "订单12345678的发票抬头写错了");
    assertThat(Files.readString(dir.resolve("out").resolve("unanswered.tsv"), UTF_8))
        .contains("# members: 红烧肉怎么做才好吃呢 ×4\n红烧肉怎么做才好吃呢\t");
  }

  @Test
  void triage_clusters_groupSimilarWordingAndSplitUnrelated() throws IOException {
    Path log =
        log(
            "chat.txt",
            "明天北京天气怎么样\n"
                + "明天北京天气怎么样\n"
                + "明天北京天气如何\n"
                + "明天北京的天气好不好\n"
                + "股票今天涨了没有\n"
                + "今天股票涨了吗\n"
                + "红烧肉的做法\n");

    triage(log);

    String unanswered = Files.readString(dir.resolve("out").resolve("unanswered.tsv"), UTF_8);
    assertThat(unanswered)
        .contains("# cluster 1: 3 messages (2 distinct), closest intent none\n")
        .contains("# members: 明天北京天气怎么样 ×2 | 明天北京天气如何\n明天北京天气怎么样\t_none\n")
        .contains("# cluster 2: 2 messages (2 distinct)")
        .contains("# members: 股票今天涨了没有 | 今天股票涨了吗\n股票今天涨了没有\t")
        .contains("# cluster 3: 1 message (1 distinct)")
        .contains("# cluster 4: 1 message (1 distinct), closest intent none\n红烧肉的做法\t_none\n");
    assertThat(out.toString()).contains("unanswered   7 messages in 4 clusters");
  }

  @Test
  void triage_unansweredFile_loadsIntoTheCorpus() throws IOException, CorpusException {
    Path log = log("chat.txt", "明天北京天气怎么样\n北京明天天气如何\n#话题 红烧肉的做法\n\t今天股票涨了吗\t\n快递到哪里了呀我等好久\n");
    triage(log, "--format", "tsv", "--column", "1");
    Path folder = dir.resolve("corpus");
    Files.createDirectories(folder);
    try (Stream<Path> files = Files.list(corpus())) {
      for (Path f : files.toList()) {
        Files.copy(f, folder.resolve(f.getFileName()));
      }
    }
    Files.copy(dir.resolve("out").resolve("unanswered.tsv"), folder.resolve("unanswered.tsv"));

    KnowledgeBase kb = KnowledgeBase.load(folder);

    assertThat(kb.intents()).isNotEmpty();
    assertThat(messages("unanswered.tsv")).isNotEmpty();
  }

  @Test
  void triage_100000Lines_completes() throws IOException {
    List<String> templates =
        List.of(
            "订单%d什么时候发货",
            "我的快递%d怎么还没到",
            "发票抬头写错了，订单号%d",
            "今天天气怎么样%d",
            "七天无理由退货怎么退，订单%d",
            "退货运费谁出呀 %d",
            "密码忘了登不上，账号%d",
            "红烧肉怎么做 第%d次问了");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      String template = templates.get(i % templates.size());
      String suffix = List.of("", "？", "呢", "啊", "!!").get((i / 8) % 5);
      int variant = (i / 40) % 40;
      text.append(String.format(template, 1000 + i))
          .append(variant < 20 ? "" : "第" + "一二三四五六七八九十".charAt(variant % 10) + "遍")
          .append(suffix)
          .append('\n');
    }
    Path log = log("big.txt", text.toString());

    int code = triage(log);

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("lines        100000: 100000 messages, 0 comments, 0 blank, 0 malformed");
    assertThat(out.toString()).containsPattern("messages     100000, \\d+ distinct");
  }
}
