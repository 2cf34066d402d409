package io.github.huashu.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.huashu.Suggester;
import io.github.huashu.sample.SampleCorpus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ServeCommandTest {

  private static final Pattern LISTENING = Pattern.compile("listening on http://127.0.0.1:(\\d+)");

  @Test
  void serve_portZero_answersAsAskJsonDoesAndStopsWhenInterrupted() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serving =
        new Thread(
            () ->
                exit.set(
                    Huashu.run(
                        new String[] {"serve", "--port", "0"},
                        new PrintWriter(out, true),
                        new PrintWriter(err, true))));
    serving.start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!out.toString().contains("ready: ") && serving.isAlive()) {
      assertThat(System.nanoTime()).as("serve ready within a minute").isLessThan(deadline);
      Thread.sleep(50);
    }
    assertThat(err.toString()).isEmpty();
    Matcher listening = LISTENING.matcher(out.toString());
    assertThat(listening.find()).as(out.toString()).isTrue();
    int port = Integer.parseInt(listening.group(1));

    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/suggest"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"七天无理由退货怎么退？\"}", UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString(UTF_8));

    assertThat(response.statusCode()).isEqualTo(200);
    String expected =
        Suggester.builder(SampleCorpus.load()).build().suggest("七天无理由退货怎么退？").toJson();
    ObjectMapper mapper = new ObjectMapper();
    JsonNode body = mapper.readTree(response.body());
    assertThat(body).isEqualTo(mapper.readTree(expected));
    assertThat(response.headers().firstValue("Huashu-KB-Version"))
        .hasValue(body.get("kb_version").asText());

    serving.interrupt();
    serving.join(10_000);
    assertThat(serving.isAlive()).isFalse();
    assertThat(exit.get()).isZero();
  }

  @Test
  void serve_badLimit_refusedBeforeListening() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Huashu.run(
            new String[] {"serve", "--port", "0", "--max-batch-size", "0"},
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(exit).isEqualTo(Huashu.USAGE);
    assertThat(err.toString())
        .isEqualTo("error: expected maxBatchSize >= 1 but was 0" + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
  }
}
