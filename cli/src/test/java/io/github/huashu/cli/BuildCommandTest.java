package io.github.huashu.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.huashu.KnowledgeBase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code huashu build}, and {@code --kb FILE} instead of {@code --corpus DIR}. */
class BuildCommandTest {

  @TempDir static Path shared;

  private static Path snapshot;
  private static String built;

  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  private static String resource(String name) {
    try {
      return Path.of(BuildCommandTest.class.getResource("/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return Huashu.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @BeforeAll
  static void build() {
    snapshot = shared.resolve("kb.huashu");
    StringWriter out = new StringWriter();
    int code =
        Huashu.run(
            new String[] {"build", "--corpus", resource("corpus"), "--out", snapshot.toString()},
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter(), true));
    assertThat(code).isZero();
    built = out.toString();
  }

  @Test
  void build_printsWhatItWrote() throws IOException {
    assertThat(snapshot).isRegularFile();
    assertThat(built.strip())
        .matches(
            "wrote "
                + java.util.regex.Pattern.quote(snapshot.toString())
                + ": \\d+ intents, kb_version [0-9a-f]{12}, \\d+\\.\\d (KB|MB);"
                + " trained in \\d+\\.\\d s, saved in \\d+\\.\\d s");
    String size = String.format(java.util.Locale.ROOT, "%.1f KB", Files.size(snapshot) / 1024.0);
    assertThat(built).contains(size);
  }

  @Test
  void ask_kb_answersAsTheCorpus() {
    String question = "七天无理由退货怎么退？拆封了还能退吗";
    assertThat(run("ask", "--corpus", resource("corpus"), "--json", question)).isZero();
    String fromCorpus = out.toString();

    assertThat(run("ask", "--kb", snapshot.toString(), "--json", question)).isZero();

    assertThat(out.toString()).isEqualTo(fromCorpus).contains("returns.seven_day");
  }

  @Test
  void eval_kb_sameFiguresAsTheCorpus() throws IOException {
    ObjectMapper json = new ObjectMapper();
    assertThat(
            run("eval", "--corpus", resource("corpus"), "--cases", resource("cases.tsv"), "--json"))
        .isZero();
    ObjectNode fromCorpus = (ObjectNode) json.readTree(out.toString());

    assertThat(run("eval", "--kb", snapshot.toString(), "--cases", resource("cases.tsv"), "--json"))
        .isZero();
    ObjectNode fromSnapshot = (ObjectNode) json.readTree(out.toString());

    fromCorpus.remove("latency_us");
    fromSnapshot.remove("latency_us");
    assertThat(fromSnapshot).isEqualTo(fromCorpus);
  }

  @Test
  void chat_kb_answersEachLine() {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("七天无理由退货怎么退\n怎么还不退！！\n".getBytes(UTF_8)));
      assertThat(run("chat", "--kb", snapshot.toString(), "--json")).isZero();
    } finally {
      System.setIn(stdin);
    }
    assertThat(out.toString().strip().split("\n")).hasSize(2);
    assertThat(out.toString()).contains("returns.seven_day");
  }

  @Test
  void lintReply_kb_sameFindingsAsTheCorpus() {
    String[] draft = {"--json", "--message", "太过分了！！我要投诉", "这不是我们的问题，很快处理"};
    assertThat(run(concat(new String[] {"lint-reply", "--corpus", resource("corpus")}, draft)))
        .isEqualTo(1);
    String fromCorpus = out.toString();

    assertThat(run(concat(new String[] {"lint-reply", "--kb", snapshot.toString()}, draft)))
        .isEqualTo(1);

    assertThat(out.toString()).isEqualTo(fromCorpus).contains("no-empathy");
  }

  @Test
  void triage_kb_sameFilesAsTheCorpus(@TempDir Path dir) throws IOException {
    Path log = dir.resolve("chat.txt");
    Files.writeString(log, "我的快递怎么还没到啊\n今天天气怎么样\n能开发票吗\n七天无理由退货怎么退\n", UTF_8);
    Path fromCorpus = dir.resolve("corpus-out");
    Path fromSnapshot = dir.resolve("kb-out");
    assertThat(
            run(
                "triage",
                "--corpus",
                resource("corpus"),
                "--log",
                log.toString(),
                "--out",
                fromCorpus.toString()))
        .isZero();

    assertThat(
            run(
                "triage",
                "--kb",
                snapshot.toString(),
                "--log",
                log.toString(),
                "--out",
                fromSnapshot.toString()))
        .isZero();

    assertThat(err.toString()).isEmpty();
    for (String file : new String[] {"answered.tsv", "unanswered.tsv"}) {
      assertThat(Files.readString(fromSnapshot.resolve(file), UTF_8))
          .as(file)
          .isEqualTo(Files.readString(fromCorpus.resolve(file), UTF_8));
    }
    assertThat(Files.readString(fromSnapshot.resolve("answered.tsv"), UTF_8)).contains("能开发票吗");
  }

  @Test
  void serve_kb_servesTheSnapshot() throws Exception {
    String version = KnowledgeBase.open(snapshot).version();
    StringWriter serveOut = new StringWriter();
    StringWriter serveErr = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serving =
        new Thread(
            () ->
                exit.set(
                    Huashu.run(
                        new String[] {"serve", "--port", "0", "--kb", snapshot.toString()},
                        new PrintWriter(serveOut, true),
                        new PrintWriter(serveErr, true))));
    serving.start();
    try {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!serveOut.toString().contains("ready: ") && serving.isAlive()) {
        assertThat(System.nanoTime()).as("serve ready within a minute").isLessThan(deadline);
        Thread.sleep(50);
      }
      assertThat(serveErr.toString()).isEmpty();
      Matcher listening =
          Pattern.compile("listening on http://127.0.0.1:(\\d+)").matcher(serveOut.toString());
      assertThat(listening.find()).as(serveOut.toString()).isTrue();
      String base = "http://127.0.0.1:" + listening.group(1);
      HttpClient client = HttpClient.newHttpClient();

      HttpResponse<String> answer =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/v1/suggest"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString("{\"question\":\"七天无理由退货怎么退？\"}", UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.ofString(UTF_8));
      HttpResponse<String> reload =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/v1/admin/reload"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString(UTF_8));

      ObjectMapper json = new ObjectMapper();
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(json.readTree(answer.body()).get("kb_version").asText()).isEqualTo(version);
      assertThat(answer.body()).contains("returns.seven_day");
      assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
      assertThat(json.readTree(reload.body()).get("status").asText()).isEqualTo("UNCHANGED");
    } finally {
      serving.interrupt();
      serving.join(10_000);
    }
    assertThat(serving.isAlive()).isFalse();
    assertThat(exit.get()).isZero();
  }

  @Test
  void serve_kbAndCorpus_badUsageBeforeListening() {
    int code =
        run("serve", "--port", "0", "--kb", snapshot.toString(), "--corpus", resource("corpus"));

    assertThat(code).isEqualTo(Huashu.USAGE);
    assertThat(out.toString()).doesNotContain("listening");
    assertThat(err.toString())
        .startsWith(
            "expected either --kb FILE or --corpus DIR with its options but was --kb with"
                + " --corpus (a snapshot keeps the corpus and the options it was built with)");
  }

  private static String[] concat(String[] first, String[] second) {
    String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }

  @Test
  void ask_kbAndCorpus_badUsage() {
    int code =
        run(
            "ask",
            "--kb",
            snapshot.toString(),
            "--corpus",
            resource("corpus"),
            "--scoring",
            "auto",
            "退货");

    assertThat(code).isEqualTo(Huashu.USAGE);
    assertThat(err.toString())
        .startsWith(
            "expected either --kb FILE or --corpus DIR with its options but was --kb with --corpus,"
                + " --scoring (a snapshot keeps the corpus and the options it was built with)");
  }

  @Test
  void ask_kbMissing_problemsExitOne(@TempDir Path dir) {
    Path missing = dir.resolve("nope.huashu");

    int code = run("ask", "--kb", missing.toString(), "退货");

    assertThat(code).isEqualTo(Huashu.PROBLEMS);
    assertThat(err.toString().strip())
        .isEqualTo("error: cannot open snapshot '" + missing + "': no such file");
  }

  @Test
  void ask_kbNotASnapshot_refused() {
    Path corpusFile = Path.of(resource("cases.tsv"));

    int code = run("ask", "--kb", corpusFile.toString(), "退货");

    assertThat(code).isEqualTo(Huashu.PROBLEMS);
    assertThat(err.toString())
        .startsWith(
            "error: cannot open snapshot '"
                + corpusFile
                + "': expected a Huashu snapshot (a file starting with 'HUASHUKB') but it starts with");
  }

  @Test
  void build_withoutOut_badUsage() {
    int code = run("build", "--corpus", resource("corpus"));

    assertThat(code).isEqualTo(Huashu.USAGE);
    assertThat(err.toString()).startsWith("Missing required option: '--out=FILE'");
  }

  @Test
  void build_brokenCorpus_listsProblemsAndWritesNothing(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.yaml"), "intents:\n  - id: a.b\n    nmae: x\n", UTF_8);
    Path file = dir.resolve("kb.huashu");

    int code = run("build", "--corpus", dir.toString(), "--out", file.toString());

    assertThat(code).isEqualTo(Huashu.PROBLEMS);
    assertThat(err.toString()).startsWith("error: ");
    assertThat(file).doesNotExist();
  }
}
