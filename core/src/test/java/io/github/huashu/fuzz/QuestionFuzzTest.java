package io.github.huashu.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.SuggestResult;
import io.github.huashu.Suggester;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

class QuestionFuzzTest {

  private static Suggester suggester;

  @BeforeAll
  static void load() throws Exception {
    suggester =
        Suggester.builder(
                KnowledgeBase.load(
                    Path.of(QuestionFuzzTest.class.getResource("/corpora/small").toURI())))
            .build();
  }

  @FuzzTest(maxDuration = "15s")
  void suggest_anyString(@NotNull String question) {
    try {
      SuggestResult r = suggester.suggest(question);
      assertThat(r.question()).isEqualTo(question);
      assertThat(r.reply()).isNotBlank();
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).startsWith("expected a question");
    }
  }
}
