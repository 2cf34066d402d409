package io.github.huashu.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.Suggester;
import io.github.huashu.sample.SampleCorpus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SuggestionServerTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private static KnowledgeBase kb;
  private static SuggestionServer server;

  @BeforeAll
  static void start() {
    kb = SampleCorpus.load();
    server = SuggestionServer.builder().knowledgeBase(kb).port(0).build().start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString(UTF_8));
  }

  private static HttpResponse<String> post(String path, String json)
      throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString(UTF_8));
  }

  @Test
  void suggest_question_isExactlyWhatAskJsonPrints() throws Exception {
    HttpResponse<String> response = post("/v1/suggest", "{\"question\":\"七天无理由退货怎么退？\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(Suggester.builder(kb).build().suggest("七天无理由退货怎么退？").toJson());
    assertThat(response.headers().firstValue("Huashu-KB-Version")).hasValue(kb.version());
  }

  @Test
  void healthz_ready_andPlayground() throws Exception {
    HttpResponse<String> health = get("/healthz");
    assertThat(health.statusCode()).isEqualTo(200);
    JsonNode body = MAPPER.readTree(health.body());
    assertThat(body.get("status").asText()).isEqualTo("UP");
    assertThat(body.get("kb_version").asText()).isEqualTo(kb.version());

    HttpResponse<String> ready = get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(MAPPER.readTree(ready.body()).get("intents").asInt()).isEqualTo(kb.intents().size());

    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("话术 Huashu");
  }

  @Test
  void readyz_noKnowledgeBase_503UntilSwapped() throws Exception {
    SuggestionServer empty = SuggestionServer.builder().port(0).build().start();
    try {
      HttpResponse<String> response =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + empty.port() + "/readyz"))
                  .build(),
              HttpResponse.BodyHandlers.ofString(UTF_8));
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      empty.swap(kb);
      response =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + empty.port() + "/readyz"))
                  .build(),
              HttpResponse.BodyHandlers.ofString(UTF_8));
      assertThat(response.statusCode()).isEqualTo(200);
    } finally {
      empty.stop();
    }
  }
}
