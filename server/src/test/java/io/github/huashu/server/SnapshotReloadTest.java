package io.github.huashu.server;

import static io.github.huashu.server.OpsFixtures.copyOfSmallCorpus;
import static io.github.huashu.server.OpsFixtures.eventually;
import static io.github.huashu.server.OpsFixtures.post;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.SnapshotException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server started from a snapshot ({@code snapshotFile}): {@code POST /v1/admin/reload} and the
 * watch open the file again; a snapshot of another corpus is swapped in, a truncated one refused
 * with the file and the reason while the old knowledge base serves on.
 */
class SnapshotReloadTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String QUESTION = "{\"question\":\"七天无理由退货怎么退？\"}";

  @TempDir Path temp;

  private Path snapshot;
  private String v0;
  private SuggestionServer server;

  @BeforeEach
  void saveSnapshot() throws Exception {
    snapshot = temp.resolve("kb").resolve("sample.huashu");
    Files.createDirectories(snapshot.getParent());
    KnowledgeBase kb = KnowledgeBase.load(copyOfSmallCorpus(temp.resolve("corpus")));
    kb.save(snapshot);
    v0 = kb.version();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private void start(boolean watch) throws Exception {
    SuggestionServer.Builder builder =
        SuggestionServer.builder()
            .knowledgeBase(KnowledgeBase.open(snapshot))
            .snapshotFile(snapshot)
            .port(0);
    if (watch) {
      builder.watchCorpus(Duration.ofMillis(300));
    }
    server = builder.build().start();
  }

  /** Saves a snapshot of a changed copy of the corpus beside the served one; returns its path. */
  private Path snapshotOfAnotherCorpus() throws Exception {
    Path corpus = copyOfSmallCorpus(temp.resolve("other"));
    Files.writeString(
        corpus.resolve("general.yaml"), "\n# an editor's note\n", UTF_8, StandardOpenOption.APPEND);
    Path other = temp.resolve("other.huashu");
    KnowledgeBase.load(corpus).save(other);
    return other;
  }

  @Test
  void reload_snapshotReplaced_swapsTheNewOneIn() throws Exception {
    start(false);
    Path other = snapshotOfAnotherCorpus();
    String v1 = KnowledgeBase.open(other).version();
    assertThat(v1).isNotEqualTo(v0);
    Files.move(other, snapshot, StandardCopyOption.REPLACE_EXISTING);

    HttpResponse<String> reload = post(server.port(), "/v1/admin/reload", "");

    assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
    JsonNode body = MAPPER.readTree(reload.body());
    assertThat(body.get("status").asText()).isEqualTo("RELOADED");
    assertThat(body.get("previous_kb_version").asText()).isEqualTo(v0);
    assertThat(body.get("kb_version").asText()).isEqualTo(v1);
    assertThat(server.knowledgeBase().orElseThrow().version()).isEqualTo(v1);
    HttpResponse<String> answer = post(server.port(), "/v1/suggest", QUESTION);
    assertThat(MAPPER.readTree(answer.body()).get("kb_version").asText()).isEqualTo(v1);

    HttpResponse<String> again = post(server.port(), "/v1/admin/reload", "");
    assertThat(MAPPER.readTree(again.body()).get("status").asText()).isEqualTo("UNCHANGED");
  }

  @Test
  void reload_truncatedSnapshot_refusedAndTheOldOneServesOn() throws Exception {
    start(false);
    byte[] bytes = Files.readAllBytes(snapshot);
    Files.write(snapshot, Arrays.copyOf(bytes, bytes.length / 2));
    SnapshotException expected =
        catchThrowableOfType(() -> KnowledgeBase.open(snapshot), SnapshotException.class);

    HttpResponse<String> reload = post(server.port(), "/v1/admin/reload", "");

    assertThat(reload.statusCode()).as(reload.body()).isEqualTo(422);
    JsonNode problem = MAPPER.readTree(reload.body());
    assertThat(problem.get("type").asText()).isEqualTo("urn:huashu:problem:snapshot-invalid");
    assertThat(problem.get("detail").asText())
        .isEqualTo(expected.getMessage() + "; " + v0 + " serves on")
        .startsWith("cannot open snapshot '" + snapshot + "': ");
    assertThat(problem.get("kb_version").asText()).isEqualTo(v0);
    assertThat(server.knowledgeBase().orElseThrow().version()).isEqualTo(v0);
    HttpResponse<String> answer = post(server.port(), "/v1/suggest", QUESTION);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(MAPPER.readTree(answer.body()).get("kb_version").asText()).isEqualTo(v0);
  }

  @Test
  void watch_snapshotMovedIntoPlace_reloads() throws Exception {
    start(true);
    Path other = snapshotOfAnotherCorpus();
    String v1 = KnowledgeBase.open(other).version();
    // Another file of the folder changing is not a reason to reload.
    Files.writeString(snapshot.resolveSibling("notes.txt"), "not a snapshot", UTF_8);

    Files.move(
        other, snapshot, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    eventually(
        "the new snapshot serves", () -> server.knowledgeBase().orElseThrow().version().equals(v1));
  }

  @Test
  void builder_corpusFolderAndSnapshotFile_refused() {
    SuggestionServer.Builder builder =
        SuggestionServer.builder()
            .corpusFolder(Path.of("corpus"), KnowledgeBase.loader())
            .snapshotFile(Path.of("kb.huashu"));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "expected either a corpusFolder or a snapshotFile but both were set ('corpus',"
                + " 'kb.huashu')");
  }

  @Test
  void snapshotFile_setTwice_refused() {
    SuggestionServer.Builder builder =
        SuggestionServer.builder().snapshotFile(Path.of("kb.huashu"));

    assertThatThrownBy(() -> builder.snapshotFile(Path.of("other.huashu")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("snapshotFile was already set to kb.huashu");
  }
}
