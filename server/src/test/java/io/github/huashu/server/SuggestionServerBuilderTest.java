package io.github.huashu.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SuggestionServerBuilderTest {

  @Test
  void port_outOfRange_rejectedAtOnce() {
    assertThatThrownBy(() -> SuggestionServer.builder().port(65536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a port in [0, 65535] but was 65536");
  }

  @Test
  void limits_notPositive_rejectedAtOnce() {
    assertThatThrownBy(() -> SuggestionServer.builder().maxBodyBytes(0))
        .hasMessage("expected maxBodyBytes >= 1 but was 0");
    assertThatThrownBy(() -> SuggestionServer.builder().maxBatchSize(0))
        .hasMessage("expected maxBatchSize >= 1 but was 0");
    assertThatThrownBy(() -> SuggestionServer.builder().maxQuestionLength(0))
        .hasMessage("expected maxQuestionLength >= 1 but was 0");
    assertThatThrownBy(() -> SuggestionServer.builder().maxDraftLength(-1))
        .hasMessage("expected maxDraftLength >= 1 but was -1");
    assertThatThrownBy(() -> SuggestionServer.builder().maxConcurrentRequests(0))
        .hasMessage("expected maxConcurrentRequests >= 1 but was 0");
    assertThatThrownBy(() -> SuggestionServer.builder().maxConversations(0))
        .hasMessage("expected maxConversations >= 1 but was 0");
    assertThatThrownBy(() -> SuggestionServer.builder().requestTimeout(Duration.ZERO))
        .hasMessage("expected a positive requestTimeout but was PT0S");
    assertThatThrownBy(
            () -> SuggestionServer.builder().conversationIdleExpiry(Duration.ofSeconds(-1)))
        .hasMessage("expected a positive conversationIdleExpiry but was PT-1S");
    assertThatThrownBy(() -> SuggestionServer.builder().answerCacheSize(-1))
        .hasMessage("expected answerCacheSize >= 0 but was -1");
    assertThatThrownBy(() -> SuggestionServer.builder().host(" "))
        .hasMessage("expected a host but it was blank");
  }

  @Test
  void setter_calledTwice_rejected() {
    SuggestionServer.Builder builder = SuggestionServer.builder().maxBatchSize(10);
    assertThatThrownBy(() -> builder.maxBatchSize(20))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("maxBatchSize was already set to 10");
  }

  @Test
  void build_defaults_areTheDocumentedOnes() {
    SuggestionServer server = SuggestionServer.builder().build();
    assertThat(server.host()).isEqualTo("127.0.0.1");
    assertThat(server.toString())
        .isEqualTo(
            "SuggestionServer[127.0.0.1:8080, Limits[maxBodyBytes=262144, maxBatchSize=50,"
                + " maxQuestionLength=1000, maxDraftLength=5000, requestTimeout=PT5S,"
                + " maxConcurrentRequests=64, maxConversations=100000,"
                + " conversationIdleExpiry=PT30M, answerCacheSize=10000]]");
    assertThat(server.knowledgeBase()).isEmpty();
  }

  @Test
  void port_notStarted_isAnError() {
    SuggestionServer server = SuggestionServer.builder().port(0).build();
    assertThatThrownBy(server::port)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("expected a running server but it was not running");
    server.stop(); // nothing to stop: no error
  }

  @Test
  void start_twice_rejected() {
    SuggestionServer server = SuggestionServer.builder().port(0).build().start();
    try {
      assertThatThrownBy(server::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("expected a server not started yet but it was started");
    } finally {
      server.stop();
    }
  }
}
