package io.github.huashu.server;

import static io.github.huashu.server.OpsFixtures.copyOfSmallCorpus;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.huashu.KnowledgeBase;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SuggestionServer#stop()}: stops accepting, lets the requests in flight finish. */
class GracefulStopTest {

  @Test
  void stop_requestInFlight_finishesThenStops(@TempDir Path temp) throws Exception {
    SuggestionServer server =
        SuggestionServer.builder()
            .knowledgeBase(KnowledgeBase.load(copyOfSmallCorpus(temp.resolve("corpus"))))
            .drainTimeout(Duration.ofSeconds(20))
            .port(0)
            .build()
            .start();
    int port = server.port();
    try (OpsFixtures.SlowPost inFlight =
        new OpsFixtures.SlowPost(port, "/v1/suggest", "{\"question\":\"七天无理由退货怎么退？\"}")) {
      // The request's handler waits for the rest of its body.
      OpsFixtures.awaitInFlight(port, 2);
      Thread stopping = new Thread(server::stop, "stopping");
      stopping.start();
      OpsFixtures.eventually("no longer accepting", () -> trickle(inFlight) && refused(port));
      // Longer than the drain would take without a request in flight; the request sends a byte
      // now and then, as a client uploading a body does.
      for (int i = 0; i < 15; i++) {
        Thread.sleep(100);
        inFlight.trickle();
      }
      assertThat(stopping.isAlive()).as("stop waits for the request in flight").isTrue();

      List<String> response = inFlight.finish();

      assertThat(response.get(0)).isEqualTo("200");
      assertThat(response.get(1)).contains("\"decision\"");
      stopping.join(20_000);
      assertThat(stopping.isAlive()).isFalse();
    }
  }

  private static boolean trickle(OpsFixtures.SlowPost post) {
    try {
      post.trickle();
      return true;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Whether the server takes no new work: the connection is refused, or, in the moment between the
   * stop's start and the connector's close, Jetty's graceful handler answers 503 itself (outside
   * the API, so its body is Jetty's and not held to the document).
   */
  private static boolean refused(int port) {
    try {
      HttpResponse<String> response =
          OpsFixtures.CLIENT.send(
              HttpRequest.newBuilder(OpsFixtures.uri(port, "/healthz")).build(),
              HttpResponse.BodyHandlers.ofString(UTF_8));
      if (response.statusCode() == 503) {
        return true;
      }
      // Answered as usual: still accepting; the answer is held to the document.
      OpsFixtures.CONTRACT.validate("GET", "/healthz", response);
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void builder_negativeDrainTimeout_refused() {
    assertThatThrownBy(() -> SuggestionServer.builder().drainTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a drainTimeout >= 0 but was PT-1S");
  }
}
