package io.github.huashu.server;

import static io.github.huashu.server.OpsFixtures.copyOfSmallCorpus;
import static io.github.huashu.server.OpsFixtures.eventually;
import static io.github.huashu.server.OpsFixtures.get;
import static io.github.huashu.server.OpsFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.huashu.Decision;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.Suggester;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics}: scraped after some calls, its counters moved. */
class MetricsTest {

  private static final String QUESTION = "七天无理由退货怎么退？";

  @Test
  void metrics_afterCalls_countersMoved(@TempDir Path temp) throws Exception {
    KnowledgeBase kb = KnowledgeBase.load(copyOfSmallCorpus(temp.resolve("corpus")));
    Decision decision = Suggester.builder(kb).build().suggest(QUESTION).decision();
    SuggestionServer server = SuggestionServer.builder().knowledgeBase(kb).port(0).build().start();
    try {
      int port = server.port();
      for (int i = 0; i < 3; i++) {
        assertThat(post(port, "/v1/suggest", "{\"question\":\"" + QUESTION + "\"}").statusCode())
            .isEqualTo(200);
      }
      assertThat(post(port, "/v1/suggest", "{\"question\":\" \"}").statusCode()).isEqualTo(422);
      assertThat(get(port, "/no/such/page").statusCode()).isEqualTo(404);

      eventually(
          "the requests counted",
          () ->
              scrape(port)
                  .contains(
                      "huashu_http_requests_seconds_count{method=\"POST\",route=\"/v1/suggest\",status=\"200\"} 3\n"));
      HttpResponse<String> response = get(port, "/metrics");
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      String metrics = response.body();
      assertThat(metrics)
          .contains(
              "huashu_http_requests_seconds_bucket{method=\"POST\",route=\"/v1/suggest\",status=\"200\",le=\"0.02\"}",
              "huashu_http_requests_seconds_count{method=\"POST\",route=\"/v1/suggest\",status=\"422\"} 1\n",
              "huashu_http_requests_seconds_count{method=\"GET\",route=\"NOT_FOUND\",status=\"404\"} 1\n",
              "huashu_http_errors_total{status=\"422\"} 1.0\n",
              "huashu_http_errors_total{status=\"404\"} 1.0\n",
              "huashu_decisions_total{decision=\"" + decision + "\"} 3.0\n",
              "huashu_answer_cache_hits_total 2.0\n",
              "huashu_answer_cache_misses_total 1.0\n",
              "huashu_answer_cache_size 1.0\n",
              // The scrape itself is in flight.
              "huashu_http_in_flight 1.0\n",
              "huashu_kb_info{kb_version=\"" + kb.version() + "\"} 1\n",
              "huashu_kb_intents 8.0\n",
              "huashu_reloads_total{result=\"success\"} 0.0\n",
              "jvm_memory_used_bytes");

      // Another knowledge base starts with an empty cache; the counts since the start stay.
      server.swap(kb);
      assertThat(scrape(port))
          .contains(
              "huashu_answer_cache_hits_total 2.0\n",
              "huashu_answer_cache_misses_total 1.0\n",
              "huashu_answer_cache_size 0.0\n");
    } finally {
      server.stop();
    }
  }

  private static String scrape(int port) {
    try {
      return get(port, "/metrics").body();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
