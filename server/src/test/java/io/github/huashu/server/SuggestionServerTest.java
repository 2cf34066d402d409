package io.github.huashu.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.huashu.Conversation;
import io.github.huashu.DraftContext;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.Message;
import io.github.huashu.SuggestResult;
import io.github.huashu.Suggester;
import io.github.huashu.Thresholds;
import io.github.huashu.sample.SampleCorpus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server over real HTTP on a loopback port: every endpoint and every error, each response held
 * to the OpenAPI document.
 */
class SuggestionServerTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final OpenApiContract CONTRACT = new OpenApiContract();

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

  /** A response and its body as JSON (validated). */
  record Answer(HttpResponse<String> response, JsonNode body) {
    int status() {
      return response.statusCode();
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }
  }

  static Answer send(SuggestionServer to, HttpRequest.Builder request, String method, String path)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        CLIENT.send(
            request.uri(URI.create("http://127.0.0.1:" + to.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString(UTF_8));
    JsonNode body = CONTRACT.validate(method, path, response);
    if (to.knowledgeBase().isPresent()) {
      assertThat(response.headers().firstValue("Huashu-KB-Version"))
          .as("the version header of %s %s", method, path)
          .hasValue(to.knowledgeBase().get().version());
    }
    if (body != null && body.isObject() && !path.equals("/openapi.json")) {
      assertThat(body.has("kb_version")).as("kb_version in %s", body).isTrue();
    }
    return new Answer(response, body);
  }

  static Answer get(String path) throws IOException, InterruptedException {
    return send(server, HttpRequest.newBuilder().GET(), "GET", path);
  }

  static Answer post(String path, String json) throws IOException, InterruptedException {
    return post(server, path, json);
  }

  static Answer post(SuggestionServer to, String path, String json)
      throws IOException, InterruptedException {
    return send(
        to,
        HttpRequest.newBuilder()
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, UTF_8)),
        "POST",
        path);
  }

  static Answer postAs(String contentType, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.ofString(body, UTF_8));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(server, request, "POST", path);
  }

  static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Asserts a problem: status, type, detail, and the pointer of the field at fault if any. */
  static void assertProblem(Answer answer, int status, String kind, String detail, String pointer) {
    assertThat(answer.status()).as(answer.response().body()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    JsonNode body = answer.body();
    assertThat(body.get("type").asText()).isEqualTo("urn:huashu:problem:" + kind);
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("detail").asText()).isEqualTo(detail);
    if (pointer != null) {
      assertThat(body.get("errors").get(0).get("pointer").asText()).isEqualTo(pointer);
    } else {
      assertThat(body.has("errors")).isFalse();
    }
  }

  @Test
  void suggest_question_isExactlyWhatAskJsonPrints() throws Exception {
    Answer answer = post("/v1/suggest", "{\"question\":\"七天无理由退货怎么退？\"}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    assertThat(answer.response().body())
        .isEqualTo(Suggester.builder(kb).build().suggest("七天无理由退货怎么退？").toJson());
    assertThat(answer.body().get("decision").asText()).isEqualTo("MATCH");
    assertThat(answer.body().get("kb_version").asText()).isEqualTo(kb.version());
  }

  @Test
  void suggest_factsWaitedThresholdsTop_answerAsTheLibraryDoes() throws Exception {
    String question = "我的订单一直没发货，都等了三天了";
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("订单号", "20231205887");
    facts.put("处理时限", "24小时");
    Thresholds thresholds = new Thresholds(0.6, 0.1, 0.1);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("question", question);
    body.set("facts", MAPPER.valueToTree(facts));
    body.put("waited_seconds", 259200.0);
    body.set(
        "thresholds",
        JsonNodeFactory.instance
            .objectNode()
            .put("answer", 0.6)
            .put("suggestion", 0.1)
            .put("margin", 0.1));
    body.put("top", 1);

    Answer answer = post("/v1/suggest", json(body));

    SuggestResult expected =
        Suggester.builder(kb)
            .topK(1)
            .thresholds(thresholds)
            .build()
            .suggest(new Message(question, facts, Duration.ofDays(3)));
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.response().body()).isEqualTo(expected.toJson());
    assertThat(answer.body().get("suggestions").size()).isLessThanOrEqualTo(1);
  }

  @Test
  void suggest_partialThresholds_keepTheServersOthers() throws Exception {
    Answer answer =
        post("/v1/suggest", "{\"question\":\"发票怎么开\",\"thresholds\":{\"answer\":0.99}}");

    assertThat(answer.response().body())
        .isEqualTo(
            Suggester.builder(kb)
                .thresholds(Thresholds.DEFAULT.withAnswer(0.99))
                .build()
                .suggest("发票怎么开")
                .toJson());
  }

  @Test
  void suggest_conversationId_answersInContextAndKeepsTheConversation() throws Exception {
    String id = "conv-" + System.nanoTime();
    List<String> messages = List.of("七天无理由退货怎么退？", "那运费谁出？", "那运费谁出？");
    Suggester local = Suggester.builder(kb).build();
    Conversation conversation = Conversation.start(id);
    for (String message : messages) {
      Answer answer = post("/v1/suggest", json(Map.of("question", message, "conversation_id", id)));
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.response().body()).isEqualTo(local.suggest(conversation, message).toJson());
    }
    Conversation kept = server.api().conversations().get(id);
    assertThat(kept.turns()).extracting(Conversation.Turn::message).isEqualTo(messages);
  }

  @Test
  void batch_items_answeredInOrderAsSingleRequestsAre() throws Exception {
    String id = "batch-" + System.nanoTime();
    List<Map<String, Object>> items =
        List.of(
            Map.of("question", "七天无理由退货怎么退？"),
            Map.of("question", "发票怎么开", "top", 2),
            Map.of("question", "七天无理由退货怎么退？", "conversation_id", id),
            Map.of("question", "那运费谁出？", "conversation_id", id));

    Answer answer = post("/v1/suggest:batch", json(Map.of("items", items)));

    assertThat(answer.status()).isEqualTo(200);
    Suggester local = Suggester.builder(kb).build();
    Conversation conversation = Conversation.start(id);
    List<String> expected =
        List.of(
            local.suggest("七天无理由退货怎么退？").toJson(),
            Suggester.builder(kb).topK(2).build().suggest("发票怎么开").toJson(),
            local.suggest(conversation, "七天无理由退货怎么退？").toJson(),
            local.suggest(conversation, "那运费谁出？").toJson());
    List<JsonNode> results = new ArrayList<>();
    answer.body().get("results").forEach(results::add);
    assertThat(results).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertThat(results.get(i)).isEqualTo(MAPPER.readTree(expected.get(i)));
    }
    assertThat(answer.body().get("kb_version").asText()).isEqualTo(kb.version());
  }

  @Test
  void batch_overTheLimit_422AndNothingAnswered() throws Exception {
    SuggestionServer small =
        SuggestionServer.builder().knowledgeBase(kb).port(0).maxBatchSize(2).build().start();
    try {
      String id = "over-" + System.nanoTime();
      Map<String, Object> item = Map.of("question", "发票怎么开", "conversation_id", id);
      Answer answer =
          post(small, "/v1/suggest:batch", json(Map.of("items", List.of(item, item, item))));
      assertProblem(
          answer, 422, "invalid-field", "/items: expected 1 to 2 items but there were 3", "/items");
      assertThat(small.api().conversations().get(id).turns()).isEmpty();

      answer = post(small, "/v1/suggest:batch", json(Map.of("items", List.of(item, item))));
      assertThat(answer.status()).isEqualTo(200);
    } finally {
      small.stop();
    }
  }

  @Test
  void batch_badItem_422WithItsPointerAndNoItemAnswered() throws Exception {
    String id = "bad-" + System.nanoTime();
    String body =
        "{\"items\":[{\"question\":\"发票怎么开\",\"conversation_id\":\""
            + id
            + "\"},{\"question\":\"  \"}]}";

    assertProblem(
        post("/v1/suggest:batch", body),
        422,
        "invalid-field",
        "/items/1/question: expected a question but it was blank",
        "/items/1/question");
    assertThat(server.api().conversations().get(id).turns()).isEmpty();
    assertProblem(
        post("/v1/suggest:batch", "{\"items\":[]}"),
        422,
        "invalid-field",
        "/items: expected 1 to 50 items but there were 0",
        "/items");
    assertProblem(
        post("/v1/suggest:batch", "{}"),
        422,
        "invalid-field",
        "/items: expected an array of items but it was missing",
        "/items");
    assertProblem(
        post("/v1/suggest:batch", "{\"items\":[{\"question\":\"a\",\"topp\":1}]}"),
        422,
        "invalid-field",
        "/items/0/topp: unknown field 'topp'; expected one of conversation_id, facts, question,"
            + " thresholds, top, waited_seconds",
        "/items/0/topp");
  }

  @Test
  void lintReply_draft_findingsAsTheLibraryGivesThem() throws Exception {
    String draft = "这个不可能退，你自己看规则";
    Answer answer =
        post(
            "/v1/lint-reply",
            json(
                Map.of(
                    "draft",
                    draft,
                    "intent",
                    "aftersales.return_7day",
                    "shopper_message",
                    "气死了！！")));

    assertThat(answer.status()).isEqualTo(200);
    JsonNode expected =
        MAPPER.readTree(
            kb.lintReply(
                    draft,
                    DraftContext.forIntent("aftersales.return_7day").withShopperMessage("气死了！！"))
                .toJson());
    assertThat(answer.body().get("findings")).isEqualTo(expected.get("findings"));
    assertThat(answer.body().get("findings").size()).isPositive();
    assertThat(answer.body().get("kb_version").asText()).isEqualTo(kb.version());
  }

  @Test
  void lintReply_cleanDraft_noFindings() throws Exception {
    Answer answer = post("/v1/lint-reply", "{\"draft\":\"您好，已为您登记，24小时内回复您。\"}");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().get("findings").size()).isZero();
  }

  /** A raw HTTP/1.1 request with the headers given (the JDK's client will not set Host). */
  private static String rawStatusLine(String method, String path, String body, String... headers)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
      for (String header : headers) {
        request.append(header).append("\r\n");
      }
      byte[] bytes = body.getBytes(UTF_8);
      request
          .append("Content-Type: application/json\r\nContent-Length: ")
          .append(bytes.length)
          .append("\r\nConnection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(UTF_8));
      out.write(bytes);
      out.flush();
      String response = new String(socket.getInputStream().readAllBytes(), UTF_8);
      return response.substring(0, response.indexOf("\r\n"));
    }
  }

  /**
   * Without keys only this machine reaches the server, but a page in its browser can try: by DNS
   * rebinding (the request then names the page's host) or by a cross-site request (its Origin).
   */
  @Test
  void noKeys_foreignHostOrOrigin_403() throws Exception {
    String question = "{\"question\":\"发票怎么开\"}";
    int port = server.port();

    assertThat(rawStatusLine("POST", "/v1/suggest", question, "Host: 127.0.0.1:" + port))
        .endsWith(" 200 OK");
    assertThat(rawStatusLine("POST", "/v1/suggest", question, "Host: localhost:" + port))
        .endsWith(" 200 OK");
    assertThat(rawStatusLine("POST", "/v1/suggest", question, "Host: [::1]:" + port))
        .endsWith(" 200 OK");
    assertThat(rawStatusLine("POST", "/v1/suggest", question, "Host: attacker.example:" + port))
        .contains(" 403 ");
    assertThat(rawStatusLine("GET", "/metrics", "", "Host: attacker.example")).contains(" 403 ");
    assertThat(
            rawStatusLine(
                "POST",
                "/v1/suggest",
                question,
                "Host: 127.0.0.1:" + port,
                "Origin: http://evil.example"))
        .contains(" 403 ");
    assertThat(
            rawStatusLine(
                "POST",
                "/v1/suggest",
                question,
                "Host: 127.0.0.1:" + port,
                "Origin: http://127.0.0.1:" + port))
        .endsWith(" 200 OK");
    // The page and the health checks are not the API.
    assertThat(rawStatusLine("GET", "/healthz", "", "Host: attacker.example")).endsWith(" 200 OK");
  }

  @Test
  void keyCheck_hostsAndLoopback() {
    assertThat(KeyCheck.hostOf("localhost:8080")).isEqualTo("localhost");
    assertThat(KeyCheck.hostOf("[::1]:8080")).isEqualTo("::1");
    assertThat(KeyCheck.hostOf("127.0.0.1")).isEqualTo("127.0.0.1");
    assertThat(KeyCheck.loopbackHost("127.0.0.2")).isTrue();
    assertThat(KeyCheck.loopbackHost("::1")).isTrue();
    assertThat(KeyCheck.loopbackHost("LOCALHOST")).isTrue();
    assertThat(KeyCheck.loopbackHost("127.0.0.1.evil.example")).isFalse();
    assertThat(KeyCheck.loopbackHost("10.0.0.1")).isFalse();
    assertThat(KeyCheck.loopbackHost("attacker.example")).isFalse();
  }

  /** No sniffing of a body as another type; no framing of the page by another site. */
  @Test
  void everyResponse_securityHeaders() throws Exception {
    for (HttpResponse<String> response :
        List.of(
            send(server, HttpRequest.newBuilder().GET(), "GET", "/").response(),
            post("/v1/suggest", "{\"question\":\"发票怎么开\"}").response(),
            post("/v1/suggest", "{}").response(),
            send(server, HttpRequest.newBuilder().GET(), "GET", "/healthz").response())) {
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(response.headers().firstValue("Content-Security-Policy"))
          .hasValue("frame-ancestors 'none'");
    }
  }

  @Test
  void lintReply_badFields_422() throws Exception {
    assertProblem(
        post("/v1/lint-reply", "{\"draft\":\"好的\",\"intent\":\"aftersales.return_7dy\"}"),
        422,
        "invalid-field",
        "/intent: unknown intent 'aftersales.return_7dy' (did you mean 'aftersales.return_7day'?)",
        "/intent");
    assertProblem(
        post("/v1/lint-reply", "{\"draft\":\" \"}"),
        422,
        "invalid-field",
        "/draft: expected a draft but it was blank",
        "/draft");
    assertProblem(
        post("/v1/lint-reply", "{\"intent\":\"aftersales.return_7day\"}"),
        422,
        "invalid-field",
        "/draft: expected a draft but it was missing",
        "/draft");
    assertProblem(
        post("/v1/lint-reply", json(Map.of("draft", "好".repeat(5001)))),
        422,
        "invalid-field",
        "/draft: expected a draft of at most 5000 characters but it had 5001",
        "/draft");
    // Refused before any lookup, and not repeated back.
    Answer longIntent =
        post("/v1/lint-reply", json(Map.of("draft", "好的", "intent", "a".repeat(250_000))));
    assertProblem(
        longIntent,
        422,
        "invalid-field",
        "/intent: expected an intent id of at most 128 characters but it had 250000",
        "/intent");
    assertThat(longIntent.response().body()).hasSizeLessThan(1000);
    assertProblem(
        post("/v1/lint-reply", json(Map.of("draft", "好的", "shopper_message", "好".repeat(1001)))),
        422,
        "invalid-field",
        "/shopper_message: expected a shopper message of at most 1000 characters but it had 1001",
        "/shopper_message");
  }

  @Test
  void intents_list_everyIntentWithItsBundle() throws Exception {
    Answer answer = get("/v1/intents");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode intents = answer.body().get("intents");
    assertThat(intents.size()).isEqualTo(kb.intents().size());
    for (int i = 0; i < intents.size(); i++) {
      assertThat(intents.get(i).get("id").asText()).isEqualTo(kb.intents().get(i).id());
      assertThat(intents.get(i).get("examples").asInt())
          .isEqualTo(kb.intents().get(i).examples().size());
    }
  }

  @Test
  void intents_one_itsBundleTermsAndExamples() throws Exception {
    Answer answer = get("/v1/intents/aftersales.return_7day");

    assertThat(answer.status()).isEqualTo(200);
    var intent = kb.intent("aftersales.return_7day").orElseThrow();
    JsonNode body = answer.body();
    assertThat(body.get("name").asText()).isEqualTo(intent.name());
    assertThat(body.get("bundle").get("diagnosis").asText()).isEqualTo(intent.bundle().diagnosis());
    assertThat(body.get("bundle").get("reply").asText()).isEqualTo(intent.bundle().reply().text());
    assertThat(body.get("examples").size()).isEqualTo(intent.examples().size());
    assertThat(body.get("examples").get(0).asText()).isEqualTo(intent.examples().get(0));
  }

  @Test
  void intents_unknownId_404Problem() throws Exception {
    assertProblem(
        get("/v1/intents/no.such_intent"),
        404,
        "not-found",
        "unknown intent 'no.such_intent'",
        null);
  }

  @Test
  void healthz_alive() throws Exception {
    Answer health = get("/healthz");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().get("status").asText()).isEqualTo("UP");
    assertThat(health.body().get("kb_version").asText()).isEqualTo(kb.version());
  }

  @Test
  void readyz_loaded_200WithTheIntentCount() throws Exception {
    Answer ready = get("/readyz");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body().get("intents").asInt()).isEqualTo(kb.intents().size());
  }

  @Test
  void readyz_noKnowledgeBase_503UntilSwapped() throws Exception {
    SuggestionServer empty = SuggestionServer.builder().port(0).build().start();
    try {
      Answer ready = send(empty, HttpRequest.newBuilder().GET(), "GET", "/readyz");
      assertProblem(
          ready,
          503,
          "not-ready",
          "the server has no knowledge base loaded yet; retry shortly",
          null);
      assertThat(ready.header("Retry-After")).isEqualTo("5");
      assertThat(ready.header("Huashu-KB-Version")).isNull();
      assertThat(ready.body().get("kb_version").isNull()).isTrue();
      Answer health = send(empty, HttpRequest.newBuilder().GET(), "GET", "/healthz");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.body().get("kb_version").isNull()).isTrue();
      assertProblem(
          post(empty, "/v1/suggest", "{\"question\":\"发票怎么开\"}"),
          503,
          "not-ready",
          "the server has no knowledge base loaded yet; retry shortly",
          null);

      empty.swap(kb);

      assertThat(send(empty, HttpRequest.newBuilder().GET(), "GET", "/readyz").status())
          .isEqualTo(200);
      assertThat(post(empty, "/v1/suggest", "{\"question\":\"发票怎么开\"}").status()).isEqualTo(200);
    } finally {
      empty.stop();
    }
  }

  @Test
  void openapi_servedAsTheResourceTheTestsUse() throws Exception {
    Answer answer = get("/openapi.json");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(CONTRACT.document());
    assertThat(answer.body().get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(answer.body().get("paths").size()).isEqualTo(11);
  }

  @Test
  void playground_servedAtTheRoot() throws Exception {
    Answer page = get("/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.response().body()).contains("话术 Huashu");
  }

  @Test
  void suggest_malformedJson_400() throws Exception {
    assertProblem(
        post("/v1/suggest", "{\"question\":"),
        400,
        "malformed-json",
        "malformed JSON at line 1, column 13: Unexpected end-of-input within/between Object entries",
        null);
    assertProblem(
        post("/v1/suggest", "{\"question\":\"a\"} {}"),
        400,
        "malformed-json",
        "malformed JSON at line 1, column 18: expected the end of the body after the JSON value"
            + " but there was more",
        null);
    assertProblem(
        post("/v1/suggest", "{\"question\":\"a\",\"question\":\"b\"}"),
        400,
        "malformed-json",
        "malformed JSON at line 1, column 27: Duplicate field 'question'",
        null);
    assertProblem(
        post("/v1/suggest", ""),
        400,
        "malformed-json",
        "expected a JSON object but the body was empty",
        null);
  }

  @Test
  void suggest_missingWrongTypedOrUnknownFields_422WithThePointer() throws Exception {
    assertProblem(
        post("/v1/suggest", "{}"),
        422,
        "invalid-field",
        "/question: expected a question but it was missing",
        "/question");
    assertProblem(
        post("/v1/suggest", "{\"question\":123}"),
        422,
        "invalid-field",
        "/question: expected a string but was an integer '123'",
        "/question");
    assertProblem(
        post("/v1/suggest", "{\"question\":null}"),
        422,
        "invalid-field",
        "/question: expected a question but it was missing",
        "/question");
    assertProblem(
        post("/v1/suggest", "{\"question\":\"发票\",\"top\":\"3\"}"),
        422,
        "invalid-field",
        "/top: expected an integer but was a string '3'",
        "/top");
    assertProblem(
        post("/v1/suggest", "{\"question\":\"发票\",\"top\":1.5}"),
        422,
        "invalid-field",
        "/top: expected an integer but was a number '1.5'",
        "/top");
    assertProblem(
        post("/v1/suggest", "{\"question\":\"发票\",\"facts\":{\"订单号\":123}}"),
        422,
        "invalid-field",
        "/facts/订单号: expected a string but was an integer '123'",
        "/facts/订单号");
    assertProblem(
        post("/v1/suggest", "{\"question\":\"发票\",\"thresholds\":{\"answer\":\"high\"}}"),
        422,
        "invalid-field",
        "/thresholds/answer: expected a number but was a string 'high'",
        "/thresholds/answer");
    assertProblem(
        post("/v1/suggest", "{\"question\":\"发票\",\"verbose\":true}"),
        422,
        "invalid-field",
        "/verbose: unknown field 'verbose'; expected one of conversation_id, facts, question,"
            + " thresholds, top, waited_seconds",
        "/verbose");
    assertProblem(
        post("/v1/suggest", "[\"发票\"]"),
        422,
        "invalid-field",
        "the body: expected an object but was an array",
        "");
  }

  @Test
  void suggest_valuesOutOfRange_422WithThePointer() throws Exception {
    assertProblem(
        post("/v1/suggest", "{\"question\":\" \\n \"}"),
        422,
        "invalid-field",
        "/question: expected a question but it was blank",
        "/question");
    assertProblem(
        post("/v1/suggest", json(Map.of("question", "退".repeat(1001)))),
        422,
        "invalid-field",
        "/question: expected a question of at most 1000 characters but it had 1001",
        "/question");
    assertProblem(
        post("/v1/suggest", "{\"question\":\"发票\",\"top\":11}"),
        422,
        "invalid-field",
        "/top: expected top in [1, 10] but was 11",
        "/top");
    assertProblem(
        post("/v1/suggest", "{\"question\":\"发票\",\"waited_seconds\":-1}"),
        422,
        "invalid-field",
        "/waited_seconds: expected waited seconds in [0, 31536000] but was -1.0",
        "/waited_seconds");
    assertProblem(
        post("/v1/suggest", "{\"question\":\"发票\",\"thresholds\":{\"answer\":1.5}}"),
        422,
        "invalid-field",
        "/thresholds: expected the answer threshold in [0, 1] but was 1.5",
        "/thresholds");
    assertProblem(
        post("/v1/suggest", "{\"question\":\"发票\",\"thresholds\":{\"suggestion\":0.9}}"),
        422,
        "invalid-field",
        "/thresholds: expected the suggestion threshold to be at most the answer threshold (0.5)"
            + " but was 0.9",
        "/thresholds");
    assertProblem(
        post("/v1/suggest", "{\"question\":\"发票\",\"conversation_id\":\" \"}"),
        422,
        "invalid-field",
        "/conversation_id: expected a conversation id of 1 to 128 characters, not blank, but was"
            + " ' '",
        "/conversation_id");
  }

  @Test
  void suggest_wrongContentType_415() throws Exception {
    String detail = "expected Content-Type application/json (UTF-8) but was '%s'";
    assertProblem(
        postAs("text/plain", "/v1/suggest", "{\"question\":\"发票\"}"),
        415,
        "unsupported-media-type",
        detail.formatted("text/plain"),
        null);
    assertProblem(
        postAs("application/json; charset=ISO-8859-1", "/v1/suggest", "{\"question\":\"a\"}"),
        415,
        "unsupported-media-type",
        // Jetty writes the charset in lower case.
        detail.formatted("application/json; charset=iso-8859-1"),
        null);
    assertProblem(
        postAs(null, "/v1/lint-reply", "{\"draft\":\"好的\"}"),
        415,
        "unsupported-media-type",
        detail.formatted(""),
        null);
    assertThat(
            postAs("application/json; charset=UTF-8", "/v1/suggest", "{\"question\":\"发票怎么开\"}")
                .status())
        .isEqualTo(200);
  }

  @Test
  void suggest_bodyTooLarge_413() throws Exception {
    String big = json(Map.of("question", "发".repeat(100_000))); // 300 KB of UTF-8
    assertProblem(
        post("/v1/suggest", big),
        413,
        "body-too-large",
        "expected a request body of at most 262144 bytes but it was larger",
        null);
    // Without a declared length (chunked), the body is cut off at the limit all the same.
    Answer chunked =
        send(
            server,
            HttpRequest.newBuilder()
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big.getBytes(UTF_8)))),
            "POST",
            "/v1/suggest");
    assertProblem(
        chunked,
        413,
        "body-too-large",
        "expected a request body of at most 262144 bytes but it was larger",
        null);
  }

  @Test
  void suggest_bodyTooLarge_answeredEveryTime() throws Exception {
    // The server reads what is left of an over-long body before it answers: answering while the
    // client still sends, then closing, once made the client see a reset instead of the 413.
    String big = json(Map.of("question", "发".repeat(200_000))); // 600 KB of UTF-8
    for (int i = 0; i < 20; i++) {
      assertThat(post("/v1/suggest", big).status()).as("attempt %d", i).isEqualTo(413);
    }
    assertThat(post("/v1/suggest", json(Map.of("question", "发票怎么开"))).status()).isEqualTo(200);
  }

  @Test
  void unknownRoute_404_wrongMethod_405() throws Exception {
    assertProblem(get("/v2/suggest"), 404, "not-found", "no route GET /v2/suggest", null);
    assertProblem(
        get("/v1/suggest"),
        405,
        "method-not-allowed",
        "method GET is not allowed on /v1/suggest",
        null);
    assertProblem(
        post("/v1/intents", "{}"),
        405,
        "method-not-allowed",
        "method POST is not allowed on /v1/intents",
        null);
  }

  @Test
  void clientInput_neverA500() throws Exception {
    List<String> bodies =
        List.of(
            "null",
            "1",
            "\"question\"",
            "{\"question\":[]}",
            "{\"question\":{}}",
            "{\"question\":true}",
            "{\"question\":\"a\",\"facts\":[]}",
            "{\"question\":\"a\",\"facts\":null}",
            "{\"question\":\"a\",\"facts\":{\"\":\"x\"}}",
            "{\"question\":\"a\",\"thresholds\":[]}",
            "{\"question\":\"a\",\"thresholds\":{\"x\":1}}",
            "{\"question\":\"a\",\"waited_seconds\":1e400}",
            "{\"question\":\"a\",\"top\":99999999999999999999}",
            "{\"question\":\"\\ud800\"}",
            "{\"items\":null}",
            "{\"question\":\"a\"",
            "\u0000",
            "{'question':'a'}");
    for (String path : List.of("/v1/suggest", "/v1/suggest:batch", "/v1/lint-reply")) {
      for (String body : bodies) {
        Answer answer = post(path, body);
        assertThat(answer.status()).as("%s %s", path, body).isBetween(200, 499);
      }
    }
    HttpResponse<String> invalidUtf8 =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/suggest"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'}))
                .build(),
            HttpResponse.BodyHandlers.ofString(UTF_8));
    assertThat(invalidUtf8.statusCode()).isEqualTo(400);
    CONTRACT.validate("POST", "/v1/suggest", invalidUtf8);
  }

  /**
   * Holds a request inside the server: a message of a conversation is answered under the
   * conversation's lock, which the test takes first.
   */
  @Test
  void maxConcurrentRequests_overTheCap_503WithRetryAfter() throws Exception {
    SuggestionServer capped =
        SuggestionServer.builder()
            .knowledgeBase(kb)
            .port(0)
            .maxConcurrentRequests(1)
            .build()
            .start();
    try {
      Conversation held = capped.api().conversations().get("held");
      CompletableFuture<Answer> first;
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch locked = new CountDownLatch(1);
      Thread holder =
          new Thread(
              () -> {
                synchronized (held) {
                  locked.countDown();
                  try {
                    release.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              });
      holder.start();
      locked.await();
      first =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return post(
                      capped,
                      "/v1/suggest",
                      "{\"question\":\"发票怎么开\",\"conversation_id\":\"held\"}");
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (capped.api().admission().inFlight() < 1) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(5);
      }

      Answer refused = post(capped, "/v1/suggest", "{\"question\":\"发票怎么开\"}");
      assertProblem(
          refused,
          503,
          "overloaded",
          "the server is answering 1 requests already, its limit; retry shortly",
          null);
      assertThat(refused.header("Retry-After")).isEqualTo("1");
      // Health checks are not counted.
      assertThat(send(capped, HttpRequest.newBuilder().GET(), "GET", "/healthz").status())
          .isEqualTo(200);

      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
      holder.join();
      assertThat(post(capped, "/v1/suggest", "{\"question\":\"发票怎么开\"}").status()).isEqualTo(200);
    } finally {
      capped.stop();
    }
  }

  @Test
  void requestTimeout_past_503AndTheMessageLeftOutOfItsConversation() throws Exception {
    SuggestionServer timed =
        SuggestionServer.builder()
            .knowledgeBase(kb)
            .port(0)
            .requestTimeout(Duration.ofMillis(200))
            .build()
            .start();
    try {
      Conversation held = timed.api().conversations().get("slow");
      Answer answer;
      synchronized (held) {
        answer =
            post(timed, "/v1/suggest", "{\"question\":\"发票怎么开\",\"conversation_id\":\"slow\"}");
        assertThat(timed.api().admission().inFlight()).isEqualTo(1);
      }
      assertProblem(answer, 503, "timeout", "the request was not answered within 200 ms", null);
      assertThat(answer.header("Retry-After")).isEqualTo("1");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (timed.api().admission().inFlight() > 0) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(5);
      }
      // The client was told to retry: the message it will send again is not kept already.
      assertThat(held.turns()).isEmpty();
      assertThat(post(timed, "/v1/suggest", "{\"question\":\"发票怎么开\"}").status()).isEqualTo(200);
    } finally {
      timed.stop();
    }
  }

  @Test
  void maxQuestionLengthAndBodySize_configured_holdOverHttp() throws Exception {
    SuggestionServer strict =
        SuggestionServer.builder()
            .knowledgeBase(kb)
            .port(0)
            .maxQuestionLength(10)
            .maxBodyBytes(100)
            .build()
            .start();
    try {
      assertProblem(
          post(strict, "/v1/suggest", json(Map.of("question", "我想退货退货退货退货退"))),
          422,
          "invalid-field",
          "/question: expected a question of at most 10 characters but it had 11",
          "/question");
      assertThat(post(strict, "/v1/suggest", json(Map.of("question", "我想退货"))).status())
          .isEqualTo(200);
      assertProblem(
          post(strict, "/v1/suggest", json(Map.of("question", "x".repeat(100)))),
          413,
          "body-too-large",
          "expected a request body of at most 100 bytes but it was larger",
          null);
    } finally {
      strict.stop();
    }
  }
}
