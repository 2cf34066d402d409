package io.github.huashu;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corpora written as an attacker or a careless editor would: every way of failing to load is a
 * {@link CorpusException} with located problems, and {@code lint} reports the same problems.
 */
class CorpusLoadingTest {

  @TempDir Path dir;
  @TempDir Path elsewhere;

  private static final String VALID =
      "intents:\n  - id: order.cancel\n    name: 取消订单\n    examples: [我要取消订单, 订单不要了]\n";

  private void write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, UTF_8);
  }

  /** The problems loading reports, which lint must report as its errors too. */
  private List<String> problems() {
    CorpusException e = catchThrowableOfType(CorpusException.class, () -> KnowledgeBase.load(dir));
    assertThat(e).as("loading must fail with a CorpusException").isNotNull();
    List<String> loaded = e.problems().stream().map(CorpusProblem::toString).toList();
    assertThat(KnowledgeBase.lint(dir, 1).errors())
        .extracting(CorpusProblem::toString)
        .as("lint reports what loading does")
        .isEqualTo(loaded);
    return loaded;
  }

  // Tokens over Lucene's 32,766-byte limit, words of nothing but emoji or format characters.

  @Test
  void load_exampleOverTheTermLimit_isAProblemOfItsLine() throws IOException {
    write("a.yaml", VALID);
    write("b.tsv", "我要退货\torder.cancel\n" + "a".repeat(32_767) + "\torder.cancel\n");
    write(
        "c.yaml",
        "intents:\n  - id: x.y\n    name: 数字\n    examples: [好的, " + "1".repeat(40_000) + "]\n");

    assertThat(problems())
        .containsExactly(
            "b.tsv:2:1: question is too long: expected at most 1000 characters (as a question) but was 32767",
            "c.yaml:4:20: intent 'x.y': example 2 is too long: expected at most 1000 characters (as a question) but was 40000");
  }

  @Test
  void load_exampleOfTheLongestQuestion_loads() throws IOException, CorpusException {
    write("a.yaml", VALID);
    write("b.tsv", "退".repeat(1000) + "\torder.cancel\n" + "a".repeat(1000) + "\t_none\n");

    assertThat(KnowledgeBase.load(dir).intent("order.cancel").orElseThrow().examples()).hasSize(3);
  }

  @Test
  void load_wordsOfOnlyEmojiOrFormatCharacters_areProblemsOfTheirFields() throws IOException {
    write(
        "a.yaml",
        String.join(
            "\n",
            "synonyms:",
            "  - [退款, \"\\U0001F621\"]",
            "  - [退貨, 退货]",
            "  - [ＡＢ, ab, 😡]",
            "intents:",
            "  - id: x.y",
            "    name: \"\\u200b\\u200b\"",
            "    terms: [\"😡\", 好评, " + "词".repeat(101) + "]",
            "    examples: [好的]",
            ""));

    assertThat(problems())
        .containsExactly(
            "a.yaml:2:10: synonyms[0]: word '😡' has nothing to match: emoji, control and format characters are dropped before matching",
            "a.yaml:3:5: a synonym group needs at least 2 different words ('退貨' and '退货' are one word when matched)",
            "a.yaml:4:14: synonyms[2]: word '😡' has nothing to match: emoji, control and format characters are dropped before matching",
            "a.yaml:7:11: intent 'x.y': name '\\u200B\\u200B' has nothing to match: emoji, control and format characters are dropped before matching",
            "a.yaml:8:13: intent 'x.y': term '😡' has nothing to match: emoji, control and format characters are dropped before matching",
            "a.yaml:8:22: intent 'x.y': term '词词词词词词词词词词词词词词词词词词词词词词词词词词词词词词词词词词词词词词词词…' is too long: expected at most 100 characters but was 101");
  }

  @Test
  void load_unreadableSubFolder_isAProblemNamingIt() throws IOException {
    Assumptions.assumeFalse(
        "root".equals(System.getProperty("user.name")), "root reads every folder");
    write("a.yaml", VALID);
    write("more/b.tsv", "我要退货\torder.cancel\n");
    Path more = dir.resolve("more");
    Files.setPosixFilePermissions(more, PosixFilePermissions.fromString("---------"));
    try {
      assertThat(problems()).containsExactly("more: cannot read the folder: permission denied");
    } finally {
      Files.setPosixFilePermissions(more, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void load_unreadableFile_isAProblemNamingIt() throws IOException {
    Assumptions.assumeFalse(
        "root".equals(System.getProperty("user.name")), "root reads every file");
    write("a.yaml", VALID);
    write("b.tsv", "我要退货\torder.cancel\n");
    Files.setPosixFilePermissions(
        dir.resolve("b.tsv"), PosixFilePermissions.fromString("---------"));

    assertThat(problems()).containsExactly("b.tsv: cannot read the file: permission denied");
  }

  // Links that leave the corpus folder.

  @Test
  void load_linkToAFileOutsideTheCorpus_notReadAndNamed() throws IOException {
    Path hosts = elsewhere.resolve("hosts");
    Files.writeString(hosts, "127.0.0.1 localhost db-password-is-hunter2\n", UTF_8);
    Path secret = elsewhere.resolve("secret.tsv");
    Files.writeString(secret, "内部暗号是什么\torder.cancel\n", UTF_8);
    write("a.yaml", VALID);
    Files.createSymbolicLink(dir.resolve("hosts.yaml"), hosts);
    Files.createSymbolicLink(dir.resolve("x.tsv"), secret);
    Files.createSymbolicLink(dir.resolve("shared"), elsewhere);

    List<String> problems = problems();

    assertThat(problems)
        .containsExactly(
            "hosts.yaml: is a link to a file outside the corpus folder: not read (links are followed only within the corpus folder; copy what it should add into it)",
            "shared: is a link to a folder outside the corpus folder: not read (links are followed only within the corpus folder; copy what it should add into it)",
            "x.tsv: is a link to a file outside the corpus folder: not read (links are followed only within the corpus folder; copy what it should add into it)");
    assertThat(String.join("\n", problems)).doesNotContain("hunter2", "内部暗号");
  }

  @Test
  void load_linkWithinTheCorpus_isFollowed_andABrokenOneReported()
      throws IOException, CorpusException {
    write("a.yaml", VALID);
    write(".shared/more.tsv", "帮我取消订单\torder.cancel\n");
    Files.createSymbolicLink(dir.resolve("more.tsv"), dir.resolve(".shared/more.tsv"));

    assertThat(KnowledgeBase.load(dir).intent("order.cancel").orElseThrow().examples())
        .containsExactly("我要取消订单", "订单不要了", "帮我取消订单");

    Files.createSymbolicLink(dir.resolve("gone.yaml"), dir.resolve("nothing-here.yaml"));
    assertThat(problems()).containsExactly("gone.yaml: cannot follow the link: it does not exist");
  }

  @Test
  void load_corpusFolderThatIsALink_loads() throws IOException, CorpusException {
    write("a.yaml", VALID);
    Path link = elsewhere.resolve("current");
    Files.createSymbolicLink(link, dir);

    KnowledgeBase kb = KnowledgeBase.load(link);

    assertThat(kb.intents()).extracting(Intent::id).containsExactly("order.cancel");
    assertThat(kb.version()).isEqualTo(KnowledgeBase.load(dir).version());
  }

  @Test
  void load_corpusInsideAZipFile_loadsAsFromAFolder() throws Exception {
    write("a.yaml", VALID);
    Path zip = elsewhere.resolve("corpus.zip");
    try (java.nio.file.FileSystem fs =
        java.nio.file.FileSystems.newFileSystem(zip, java.util.Map.of("create", "true"))) {
      Files.createDirectories(fs.getPath("/corpus"));
      Files.copy(dir.resolve("a.yaml"), fs.getPath("/corpus/a.yaml"));
    }

    try (java.nio.file.FileSystem fs = java.nio.file.FileSystems.newFileSystem(zip)) {
      KnowledgeBase kb = KnowledgeBase.load(fs.getPath("/corpus"));

      assertThat(kb.intents()).extracting(Intent::id).containsExactly("order.cancel");
      assertThat(kb.version()).isEqualTo(KnowledgeBase.load(dir).version());
    }
  }

  @Test
  void load_textThatIsNoCorpusFile_quotedOnlyInAShortExcerpt() throws IOException {
    write(
        "hosts.yaml",
        "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n10.0.0.7 db-primary\n");

    assertThat(problems())
        .containsExactly(
            "hosts.yaml:1:1: expected a mapping with 'intents' but found the text '127.0.0.1 localhost ::1 localhost ip6-lo…'");
  }

  // YAML that means something else than it says.

  @Test
  void load_yamlAnchorsAndAliases_rejectedWhereTheyStand() throws IOException {
    write(
        "a.yaml",
        String.join(
            "\n",
            "intents:",
            "  - id: order.cancel",
            "    name: &n 取消订单",
            "    examples: [我要取消订单, *n]",
            "  - &base",
            "    id: order.status",
            "    name: 订单状态",
            "    examples: [订单到哪了]",
            "  - <<: *base",
            "    id: order.again",
            ""));

    assertThat(problems())
        .containsExactly(
            "a.yaml:3:11: YAML anchor '&n' is not supported: write the value out where it is needed",
            "a.yaml:4:24: YAML alias '*n' is not supported (it would be read as the text 'n'): write the value out",
            "a.yaml:5:5: YAML anchor '&base' is not supported: write the value out where it is needed",
            "a.yaml:9:9: YAML alias '*base' is not supported (it would be read as the text 'base'): write the value out");
  }

  @Test
  void load_secondYamlDocument_rejected() throws IOException {
    write("a.yaml", VALID + "---\nintents:\n  - id: order.status\n    examples: [订单到哪了]\n");

    assertThat(problems())
        .containsExactly(
            "a.yaml:5:1: a second YAML document (after '---') is not supported: one document per file");
  }

  @Test
  void load_yamlWithADocumentStartOnly_loads() throws IOException, CorpusException {
    write("a.yaml", "---\n" + VALID);

    assertThat(KnowledgeBase.load(dir).intents()).hasSize(1);
  }

  // Sizes: files, nesting, numbers.

  @Test
  void load_hugeYamlScalar_rejectedBeforeItIsParsed() throws IOException {
    write("a.yaml", VALID);
    write("big.yaml", "intents: " + "a".repeat(25_000_000) + "\n");

    List<String> problems = assertTimeoutPreemptively(Duration.ofSeconds(20), this::problems);

    assertThat(problems)
        .containsExactly(
            "big.yaml: file is too large: expected at most 2 MB (2,097,152 bytes) but was 25,000,010 bytes (split it into several files)");
  }

  @Test
  void load_deepNesting_reportedWithALine() throws IOException {
    write("a.json", "{\"intents\": [{\"id\": \"a.b\", \"examples\": " + "[".repeat(5000));
    write("b.yaml", "intents:\n  - id: a.b\n    examples: " + "[".repeat(100) + "]".repeat(100));

    assertThat(problems())
        .containsExactly(
            "a.json:1:47: nested deeper than 10 levels (a corpus file needs 4)",
            "b.yaml:3:22: nested deeper than 10 levels (a corpus file needs 4)");
  }

  @Test
  void load_hugeJsonNumber_reportedWithALine() throws IOException {
    write(
        "a.json",
        "{\"intents\": [{\"id\": \"a.b\", \"name\": \"数字\",\n \"examples\": ["
            + "1".repeat(40_000)
            + "]}]}");

    assertThat(problems())
        .containsExactly(
            "a.json:2: expected a number of at most 100 characters: write long digits as text, in quotes");
  }

  // Intent ids.

  private static final String RULE =
      "expected lower-case ASCII letters and digits in words joined by '.', '_' or '-',"
          + " starting with a letter, at most 64 characters";

  @Test
  void load_idsThatAreNotPlainNames_rejectedWithADidYouMean() throws IOException {
    String[] ids = {
      "\"a\\u200Bb\"",
      "\"a\\u202Eb\"",
      "../../etc/passwd",
      "'<script>alert(1)</script>'",
      "\"😡\"",
      "123",
      "true",
      "'true'",
      "Order.Cancel",
      "order..cancel",
      "_hidden",
      "ｏｒｄｅｒ．ｓｔａｔｕｓ",
      "a" + "b".repeat(64),
    };
    StringBuilder yaml = new StringBuilder("intents:\n");
    for (String id : ids) {
      yaml.append("  - id: ").append(id).append("\n    name: 名字\n    examples: [你好]\n");
    }
    write("a.yaml", yaml.toString());
    write("b.tsv", "你好\tOrder.Status\n");

    assertThat(problems())
        .containsExactly(
            "a.yaml:2:9: invalid intent id 'a\\u200Bb': " + RULE + " (did you mean 'ab'?)",
            "a.yaml:5:9: invalid intent id 'a\\u202Eb': " + RULE + " (did you mean 'ab'?)",
            "a.yaml:8:9: invalid intent id '../../etc/passwd': "
                + RULE
                + " (did you mean 'etc.passwd'?)",
            "a.yaml:11:9: invalid intent id '<script>alert(1)</script>': "
                + RULE
                + " (did you mean 'script_alert_1.script'?)",
            "a.yaml:14:9: invalid intent id '😡': " + RULE,
            "a.yaml:17:9: invalid intent id '123': " + RULE,
            "a.yaml:20:9: invalid intent id 'true': 'true' is a value in YAML and JSON, not a name",
            "a.yaml:23:9: invalid intent id 'true': 'true' is a value in YAML and JSON, not a name",
            "a.yaml:26:9: invalid intent id 'Order.Cancel': "
                + RULE
                + " (did you mean 'order.cancel'?)",
            "a.yaml:29:9: invalid intent id 'order..cancel': "
                + RULE
                + " (did you mean 'order.cancel'?)",
            "a.yaml:32:9: invalid intent id '_hidden': " + RULE + " (did you mean 'hidden'?)",
            "a.yaml:35:9: invalid intent id 'ｏｒｄｅｒ．ｓｔａｔｕｓ': "
                + RULE
                + " (did you mean 'order.status'?)",
            "a.yaml:38:9: invalid intent id 'abbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb…': " + RULE,
            "b.tsv:1:4: invalid intent id 'Order.Status': "
                + RULE
                + " (did you mean 'order.status'?)");
  }
}
