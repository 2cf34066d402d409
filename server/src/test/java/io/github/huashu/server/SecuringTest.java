package io.github.huashu.server;

import static io.github.huashu.server.OpsFixtures.copyOfSmallCorpus;
import static io.github.huashu.server.OpsFixtures.get;
import static io.github.huashu.server.OpsFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.huashu.Conversation;
import io.github.huashu.KnowledgeBase;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys over real HTTP: which routes need one, 401, 403, 429, and the loopback rule. */
class SecuringTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String QUESTION = "{\"question\":\"七天无理由退货怎么退？\"}";

  @TempDir static Path temp;

  private static ApiKeys.NewKey limited;
  private static ApiKeys.NewKey client;
  private static ApiKeys.NewKey admin;
  private static SuggestionServer server;

  @BeforeAll
  static void start() throws Exception {
    limited = ApiKeys.newKey("limited", "3/min", "client");
    client = ApiKeys.newKey("acme", "1000/s", "client");
    admin = ApiKeys.newKey("ops", "1000/s", "admin");
    ApiKeys keys = ApiKeys.parse(List.of(limited.line(), client.line(), admin.line()), "keys.txt");
    Path corpus = copyOfSmallCorpus(temp.resolve("corpus"));
    server =
        SuggestionServer.builder()
            .knowledgeBase(KnowledgeBase.load(corpus))
            .corpusFolder(corpus, KnowledgeBase.loader())
            .apiKeys(keys)
            .port(0)
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static String bearer(ApiKeys.NewKey key) {
    return "Bearer " + key.key();
  }

  @Test
  void suggest_noKey_401WithChallenge() throws Exception {
    HttpResponse<String> response = post(server.port(), "/v1/suggest", QUESTION);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"huashu\"");
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode problem = MAPPER.readTree(response.body());
    assertThat(problem.get("type").asText()).isEqualTo("urn:huashu:problem:unauthorized");
    assertThat(problem.get("detail").asText())
        .isEqualTo(
            "expected an API key in 'Authorization: Bearer KEY' or 'X-Api-Key: KEY' but there was"
                + " none");
    assertThat(problem.get("kb_version").asText())
        .isEqualTo(server.knowledgeBase().orElseThrow().version());
  }

  @Test
  void suggest_wrongKey_401InvalidTokenWithoutRepeatingIt() throws Exception {
    String wrong = client.key() + "x";
    HttpResponse<String> response =
        post(server.port(), "/v1/suggest", QUESTION, "Authorization", "Bearer " + wrong);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"huashu\", error=\"invalid_token\"");
    assertThat(MAPPER.readTree(response.body()).get("detail").asText())
        .isEqualTo("the API key given is not one this server accepts");
    assertThat(response.body()).doesNotContain(wrong);
  }

  @Test
  void suggest_bearerOrXApiKey_200() throws Exception {
    assertThat(
            post(server.port(), "/v1/suggest", QUESTION, "Authorization", bearer(client))
                .statusCode())
        .isEqualTo(200);
    assertThat(post(server.port(), "/v1/suggest", QUESTION, "X-Api-Key", client.key()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void probesAndPlayground_noKey_open() throws Exception {
    assertThat(get(server.port(), "/healthz").statusCode()).isEqualTo(200);
    assertThat(get(server.port(), "/readyz").statusCode()).isEqualTo(200);
    assertThat(get(server.port(), "/").statusCode()).isEqualTo(200);
  }

  /** A conversation id chosen by two clients names two conversations, one of each key. */
  @Test
  void conversation_sameIdUnderTwoKeys_twoConversations() throws Exception {
    String id = "order-94516954774";
    String first = "{\"question\":\"发票怎么开\",\"conversation_id\":\"" + id + "\"}";
    String other = "{\"question\":\"我想换个尺码\",\"conversation_id\":\"" + id + "\"}";

    assertThat(
            post(server.port(), "/v1/suggest", first, "Authorization", bearer(client)).statusCode())
        .isEqualTo(200);
    assertThat(
            post(server.port(), "/v1/suggest", other, "Authorization", bearer(admin)).statusCode())
        .isEqualTo(200);

    Conversations kept = server.api().conversations();
    assertThat(kept.get("acme", id).turns())
        .extracting(Conversation.Turn::message)
        .containsExactly("发票怎么开");
    assertThat(kept.get("ops", id).turns())
        .extracting(Conversation.Turn::message)
        .containsExactly("我想换个尺码");
    assertThat(kept.get(id).turns()).isEmpty();
  }

  @Test
  void metrics_needsAKey() throws Exception {
    assertThat(get(server.port(), "/metrics").statusCode()).isEqualTo(401);
    // The router ignores trailing slashes; the key check must too. (Not in the document, so sent
    // without its validation.)
    for (String path : List.of("/metrics/", "/metrics//")) {
      HttpResponse<String> slashed =
          OpsFixtures.CLIENT.send(
              HttpRequest.newBuilder(OpsFixtures.uri(server.port(), path)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(slashed.statusCode()).as(path).isIn(401, 404);
      assertThat(slashed.body()).as(path).doesNotContain("huashu_http_requests");
    }
    HttpResponse<String> response = get(server.port(), "/metrics", "Authorization", bearer(client));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("huashu_http_requests_seconds_count");
  }

  @Test
  void reload_clientKey_403AdminKey_200() throws Exception {
    HttpResponse<String> refused =
        post(server.port(), "/v1/admin/reload", "", "Authorization", bearer(client));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(MAPPER.readTree(refused.body()).get("detail").asText())
        .isEqualTo("the key 'acme' is not an admin key");

    HttpResponse<String> reloaded =
        post(server.port(), "/v1/admin/reload", "", "Authorization", bearer(admin));
    assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
    assertThat(MAPPER.readTree(reloaded.body()).get("status").asText()).isEqualTo("UNCHANGED");
  }

  @Test
  void suggest_overTheRateLimit_429WithRetryAfter() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(
              post(server.port(), "/v1/suggest", QUESTION, "X-Api-Key", limited.key()).statusCode())
          .isEqualTo(200);
    }
    HttpResponse<String> response =
        post(server.port(), "/v1/suggest", QUESTION, "X-Api-Key", limited.key());

    assertThat(response.statusCode()).isEqualTo(429);
    long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 60L);
    JsonNode problem = MAPPER.readTree(response.body());
    assertThat(problem.get("type").asText()).isEqualTo("urn:huashu:problem:rate-limited");
    assertThat(problem.get("detail").asText())
        .isEqualTo("the key 'limited' is over its limit of 3/min; retry in " + retryAfter + " s");
    // Other keys have their own buckets.
    assertThat(post(server.port(), "/v1/suggest", QUESTION, "X-Api-Key", client.key()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void builder_nonLoopbackHostWithoutKeys_refused() {
    SuggestionServer.Builder builder = SuggestionServer.builder().host("0.0.0.0");

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "expected a loopback host without API keys (anyone who can reach it could call the"
                + " API) but was '0.0.0.0'; set API keys to listen on it");
  }

  @Test
  void builder_nonLoopbackHostWithKeys_built() throws Exception {
    ApiKeys keys = ApiKeys.parse(List.of(client.line()), "keys.txt");

    assertThat(SuggestionServer.builder().host("0.0.0.0").apiKeys(keys).build().host())
        .isEqualTo("0.0.0.0");
  }

  @Test
  void builder_apiKeysTwice_refused() throws Exception {
    ApiKeys keys = ApiKeys.parse(List.of(client.line()), "keys.txt");
    SuggestionServer.Builder builder = SuggestionServer.builder().apiKeys(keys);

    assertThatThrownBy(() -> builder.apiKeys(keys))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("apiKeys was already set to " + keys);
  }
}
