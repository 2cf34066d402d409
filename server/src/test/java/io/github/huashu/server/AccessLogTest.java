package io.github.huashu.server;

import static io.github.huashu.server.OpsFixtures.copyOfSmallCorpus;
import static io.github.huashu.server.OpsFixtures.eventually;
import static io.github.huashu.server.OpsFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.huashu.Decision;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.Suggester;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.SubstituteLogger;

/** The access log: one line per request, the key's name but never the key, no text unless asked. */
class AccessLogTest {

  private static final String QUESTION = "七天无理由退货怎么退？";

  @TempDir Path temp;

  private record Run(List<String> lines, String key, String version, Decision decision) {}

  private Run serve(boolean logQuestions) throws Exception {
    KnowledgeBase kb = KnowledgeBase.load(copyOfSmallCorpus(temp.resolve("corpus")));
    ApiKeys.NewKey key = ApiKeys.newKey("acme-bot", "100/s", "client");
    Queue<SubstituteLoggingEvent> events = new ConcurrentLinkedQueue<>();
    EventRecordingLogger logger =
        new EventRecordingLogger(new SubstituteLogger(AccessLog.LOGGER, events, false), events);
    SuggestionServer server =
        SuggestionServer.builder()
            .knowledgeBase(kb)
            .apiKeys(ApiKeys.parse(List.of(key.line()), "keys.txt"))
            .logQuestions(logQuestions)
            .accessLogger(logger)
            .port(0)
            .build()
            .start();
    try {
      post(
          server.port(),
          "/v1/suggest",
          "{\"question\":\"" + QUESTION + "\"}",
          "X-Api-Key",
          key.key());
      post(
          server.port(),
          "/v1/suggest",
          "{\"question\":\"" + QUESTION + "\"}",
          "X-Api-Key",
          key.key() + "x");
      eventually("two lines", () -> events.size() >= 2);
    } finally {
      server.stop();
    }
    assertThat(events).allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.INFO));
    List<String> lines = events.stream().map(e -> String.valueOf(e.getArgumentArray()[0])).toList();
    return new Run(
        lines, key.key(), kb.version(), Suggester.builder(kb).build().suggest(QUESTION).decision());
  }

  @Test
  void log_request_oneLineWithKeyNameNeverKeyOrQuestion() throws Exception {
    Run run = serve(false);

    assertThat(run.lines()).hasSize(2);
    String answered = run.lines().get(0);
    assertThat(answered)
        .matches("time=\\S+Z method=POST path=/v1/suggest status=200 ms=\\d+\\.\\d\\d .*")
        .endsWith(" key=acme-bot kb_version=" + run.version() + " decision=" + run.decision())
        .doesNotContain(QUESTION);
    assertThat(run.lines().get(1))
        .contains(" status=401 ")
        .endsWith(" key=- kb_version=" + run.version() + " decision=-");
    assertThat(run.lines()).allSatisfy(line -> assertThat(line).doesNotContain(run.key()));
  }

  @Test
  void log_logQuestions_questionAdded() throws Exception {
    Run run = serve(true);

    assertThat(run.lines().get(0)).endsWith(" decision=" + run.decision() + " text=" + QUESTION);
  }

  @Test
  void log_valueWithSpacesAndNewline_quotedOnOneLine() throws Exception {
    KnowledgeBase kb = KnowledgeBase.load(copyOfSmallCorpus(temp.resolve("corpus")));
    Queue<SubstituteLoggingEvent> events = new ConcurrentLinkedQueue<>();
    EventRecordingLogger logger =
        new EventRecordingLogger(new SubstituteLogger(AccessLog.LOGGER, events, false), events);
    SuggestionServer server =
        SuggestionServer.builder()
            .knowledgeBase(kb)
            .logQuestions(true)
            .accessLogger(logger)
            .port(0)
            .build()
            .start();
    try {
      post(server.port(), "/v1/suggest", "{\"question\":\"退货 \\\"快\\\"\\n吗\"}");
      eventually("a line", () -> !events.isEmpty());
    } finally {
      server.stop();
    }
    assertThat(String.valueOf(events.peek().getArgumentArray()[0]))
        .endsWith(" text=\"退货 \\\"快\\\"\\n吗\"")
        .doesNotContain("\n");
  }
}
