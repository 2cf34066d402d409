package io.github.huashu.server;

import static io.github.huashu.server.OpsFixtures.copyOfSmallCorpus;
import static io.github.huashu.server.OpsFixtures.eventually;
import static io.github.huashu.server.OpsFixtures.get;
import static io.github.huashu.server.OpsFixtures.post;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.huashu.KnowledgeBase;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/admin/reload} and {@code watchCorpus}: a good corpus swapped in, a broken one
 * refused with its located problems, requests in flight finishing on the old knowledge base, all
 * under concurrent load over real HTTP.
 */
class ReloadTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String QUESTION = "{\"question\":\"七天无理由退货怎么退？\"}";
  private static final Pattern KB_VERSION = Pattern.compile("\"kb_version\":\"([^\"]+)\"");

  @TempDir Path temp;

  private SuggestionServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private SuggestionServer start(Path corpus, boolean watch) throws Exception {
    KnowledgeBase.Loader loader = KnowledgeBase.loader();
    SuggestionServer.Builder builder =
        SuggestionServer.builder()
            .knowledgeBase(loader.load(corpus))
            .corpusFolder(corpus, loader)
            .port(0);
    if (watch) {
      builder.watchCorpus(Duration.ofMillis(300));
    }
    server = builder.build().start();
    return server;
  }

  /** Clients asking /v1/suggest in a loop, each keeping the kb_version of its answers in order. */
  private static final class Load implements AutoCloseable {
    final AtomicBoolean running = new AtomicBoolean(true);
    final List<List<String>> versions = new ArrayList<>();
    final List<String> failures = new CopyOnWriteArrayList<>();
    final AtomicInteger answered = new AtomicInteger();
    final List<Thread> threads = new ArrayList<>();

    Load(int port, int clients) {
      for (int i = 0; i < clients; i++) {
        List<String> seen = new ArrayList<>();
        versions.add(seen);
        Thread thread =
            new Thread(
                () -> {
                  while (running.get()) {
                    try {
                      HttpResponse<String> response = post(port, "/v1/suggest", QUESTION);
                      if (response.statusCode() != 200) {
                        failures.add(response.statusCode() + " " + response.body());
                      } else {
                        seen.add(MAPPER.readTree(response.body()).get("kb_version").asText());
                        answered.incrementAndGet();
                      }
                    } catch (IOException | InterruptedException e) {
                      failures.add(e.toString());
                    }
                  }
                },
                "load-" + i);
        threads.add(thread);
        thread.start();
      }
    }

    void awaitMore(int count) throws InterruptedException {
      int target = answered.get() + count;
      eventually(count + " more answers", () -> answered.get() >= target || !failures.isEmpty());
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      for (Thread thread : threads) {
        thread.join(30_000);
      }
    }
  }

  @Test
  void reload_goodThenBrokenCorpusUnderLoad_swapsOnceThenKeepsServing() throws Exception {
    Path corpus = copyOfSmallCorpus(temp.resolve("corpus"));
    start(corpus, false);
    String v0 = server.knowledgeBase().orElseThrow().version();
    List<List<String>> versions;
    String v1;
    try (Load load = new Load(server.port(), 4)) {
      load.awaitMore(40);

      Files.writeString(
          corpus.resolve("general.yaml"),
          "\n# an editor's note\n",
          UTF_8,
          StandardOpenOption.APPEND);
      HttpResponse<String> good = post(server.port(), "/v1/admin/reload", "");
      assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
      JsonNode body = MAPPER.readTree(good.body());
      v1 = body.get("kb_version").asText();
      assertThat(v1).isNotEqualTo(v0).isEqualTo(server.knowledgeBase().orElseThrow().version());
      assertThat(body.get("status").asText()).isEqualTo("RELOADED");
      assertThat(body.get("previous_kb_version").asText()).isEqualTo(v0);
      assertThat(body.get("intents").asInt()).isEqualTo(8);
      assertThat(good.headers().firstValue("Huashu-KB-Version")).hasValue(v1);
      load.awaitMore(40);

      Files.writeString(
          corpus.resolve("broken.yaml"),
          "intents:\n  - id: broken.one\n    name: 坏的\n    examples: []\n",
          UTF_8);
      HttpResponse<String> broken = post(server.port(), "/v1/admin/reload", "");
      assertThat(broken.statusCode()).as(broken.body()).isEqualTo(422);
      assertThat(broken.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      JsonNode problem = MAPPER.readTree(broken.body());
      assertThat(problem.get("type").asText()).isEqualTo("urn:huashu:problem:corpus-invalid");
      assertThat(problem.get("kb_version").asText()).isEqualTo(v1);
      assertThat(problem.get("detail").asText()).endsWith("; " + v1 + " serves on");
      JsonNode first = problem.get("problems").get(0);
      assertThat(first.get("file").asText()).isEqualTo("broken.yaml");
      assertThat(first.get("line").asInt()).isPositive();
      assertThat(first.has("column")).isTrue();
      assertThat(first.has("field")).isTrue();
      assertThat(first.get("message").asText()).isNotBlank();
      assertThat(server.knowledgeBase().orElseThrow().version()).isEqualTo(v1);
      load.awaitMore(40);

      Files.delete(corpus.resolve("broken.yaml"));
      HttpResponse<String> again = post(server.port(), "/v1/admin/reload", "");
      assertThat(MAPPER.readTree(again.body()).get("status").asText()).isEqualTo("UNCHANGED");
      load.close();
      assertThat(load.failures).isEmpty();
      versions = load.versions;
    }
    for (List<String> seen : versions) {
      assertThat(seen).isNotEmpty();
      assertThat(Set.copyOf(seen)).isSubsetOf(v0, v1);
      // Switches once, from the old version to the new one, never back.
      int firstNew = seen.indexOf(v1);
      assertThat(firstNew).isNotNegative();
      assertThat(seen.subList(0, firstNew)).containsOnly(v0);
      assertThat(seen.subList(firstNew, seen.size())).containsOnly(v1);
    }
    String metrics = get(server.port(), "/metrics").body();
    assertThat(metrics).contains("huashu_reloads_total{result=\"success\"} 2.0");
    assertThat(metrics).contains("huashu_reloads_total{result=\"failure\"} 1.0");
    assertThat(metrics).contains("huashu_kb_info{kb_version=\"" + v1 + "\"} 1\n");
  }

  @Test
  void reload_requestInFlight_finishesOnTheOldKnowledgeBase() throws Exception {
    Path corpus = copyOfSmallCorpus(temp.resolve("corpus"));
    start(corpus, false);
    String v0 = server.knowledgeBase().orElseThrow().version();
    try (OpsFixtures.SlowPost inFlight =
            new OpsFixtures.SlowPost(server.port(), "/v1/suggest", QUESTION);
        Load load = startLoadOnceInFlight(server.port())) {
      load.awaitMore(20);
      Files.writeString(
          corpus.resolve("aftersales.yaml"), "\n# changed\n", UTF_8, StandardOpenOption.APPEND);
      HttpResponse<String> reload = post(server.port(), "/v1/admin/reload", "");
      assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
      String v1 = MAPPER.readTree(reload.body()).get("kb_version").asText();
      assertThat(v1).isNotEqualTo(v0);
      load.awaitMore(20);

      List<String> response = inFlight.finish();

      assertThat(response.get(0)).isEqualTo("200");
      Matcher version = KB_VERSION.matcher(response.get(1));
      assertThat(version.find()).as(response.get(1)).isTrue();
      assertThat(version.group(1)).isEqualTo(v0);
      assertThat(response.get(2)).contains("Huashu-KB-Version: " + v0);
      load.close();
      assertThat(load.failures).isEmpty();
    }
    assertThat(
            MAPPER
                .readTree(post(server.port(), "/v1/suggest", QUESTION).body())
                .get("kb_version")
                .asText())
        .isEqualTo(server.knowledgeBase().orElseThrow().version());
  }

  /** The load, once the slow request is in flight (it and the request reading /metrics). */
  private static Load startLoadOnceInFlight(int port) throws InterruptedException {
    OpsFixtures.awaitInFlight(port, 2);
    return new Load(port, 3);
  }

  @Test
  void watch_editedThenBrokenFile_newVersionServedThenKept() throws Exception {
    Path corpus = copyOfSmallCorpus(temp.resolve("corpus"));
    start(corpus, true);
    String v0 = server.knowledgeBase().orElseThrow().version();
    try (Load load = new Load(server.port(), 2)) {
      load.awaitMore(10);
      Files.writeString(
          corpus.resolve("general.yaml"), "\n# watched\n", UTF_8, StandardOpenOption.APPEND);
      eventually(
          "a new version served", () -> !server.knowledgeBase().orElseThrow().version().equals(v0));
      String v1 = server.knowledgeBase().orElseThrow().version();
      eventually(
          "clients answered by the new version",
          () ->
              load.versions.stream()
                  .allMatch(seen -> !seen.isEmpty() && seen.get(seen.size() - 1).equals(v1)));

      Files.writeString(corpus.resolve("general.yaml"), "intents: [\n", UTF_8);
      eventually(
          "the broken corpus refused",
          () -> {
            try {
              return get(server.port(), "/metrics")
                  .body()
                  .contains("huashu_reloads_total{result=\"failure\"} 1.0");
            } catch (IOException | InterruptedException e) {
              throw new IllegalStateException(e);
            }
          });
      load.awaitMore(10);
      assertThat(server.knowledgeBase().orElseThrow().version()).isEqualTo(v1);
      JsonNode health = MAPPER.readTree(get(server.port(), "/healthz").body());
      assertThat(health.get("kb_version").asText()).isEqualTo(v1);
      load.close();
      assertThat(load.failures).isEmpty();
    }
  }

  /**
   * A server started before its first load (as {@code huashu serve} is): a reload that finishes
   * while the first load runs read the files later, and the first load does not replace it.
   */
  @Test
  void swapIfNone_reloadedWhileTheFirstLoadRan_theReloadedOneServesOn() throws Exception {
    Path corpus = copyOfSmallCorpus(temp.resolve("corpus"));
    KnowledgeBase first = KnowledgeBase.load(corpus);
    Files.writeString(
        corpus.resolve("general.yaml"), "\n# edited meanwhile\n", UTF_8, StandardOpenOption.APPEND);
    server =
        SuggestionServer.builder()
            .corpusFolder(corpus, KnowledgeBase.loader())
            .port(0)
            .build()
            .start();
    HttpResponse<String> reload = post(server.port(), "/v1/admin/reload", "");
    assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
    String reloaded = server.knowledgeBase().orElseThrow().version();
    assertThat(reloaded).isNotEqualTo(first.version());

    boolean served = server.swapIfNone(first);

    assertThat(served).isFalse();
    assertThat(server.knowledgeBase().orElseThrow().version()).isEqualTo(reloaded);
    HttpResponse<String> answer = post(server.port(), "/v1/suggest", QUESTION);
    assertThat(MAPPER.readTree(answer.body()).get("kb_version").asText()).isEqualTo(reloaded);
  }

  @Test
  void swapIfNone_nothingServes_serves() throws Exception {
    KnowledgeBase kb = KnowledgeBase.load(copyOfSmallCorpus(temp.resolve("corpus")));
    server = SuggestionServer.builder().port(0).build().start();

    assertThat(server.swapIfNone(kb)).isTrue();

    assertThat(server.knowledgeBase()).containsSame(kb);
    assertThat(post(server.port(), "/v1/suggest", QUESTION).statusCode()).isEqualTo(200);
  }

  @Test
  void reload_noCorpusFolder_409() throws Exception {
    Path corpus = copyOfSmallCorpus(temp.resolve("corpus"));
    server =
        SuggestionServer.builder()
            .knowledgeBase(KnowledgeBase.load(corpus))
            .port(0)
            .build()
            .start();

    HttpResponse<String> response = post(server.port(), "/v1/admin/reload", "");

    assertThat(response.statusCode()).isEqualTo(409);
    JsonNode problem = MAPPER.readTree(response.body());
    assertThat(problem.get("type").asText()).isEqualTo("urn:huashu:problem:not-reloadable");
    assertThat(problem.get("detail").asText())
        .isEqualTo("the server was given no corpus folder or snapshot file to reload from");
  }

  @Test
  void builder_watchWithoutCorpusFolder_refused() {
    SuggestionServer.Builder builder =
        SuggestionServer.builder().watchCorpus(Duration.ofMillis(500));
    org.assertj.core.api.Assertions.assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("expected a corpusFolder or a snapshotFile to watch but neither was set");
  }
}
