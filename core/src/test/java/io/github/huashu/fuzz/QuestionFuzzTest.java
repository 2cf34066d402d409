package io.github.huashu.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import io.github.huashu.Conversation;
import io.github.huashu.Decision;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.SuggestResult;
import io.github.huashu.Suggester;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;

/**
 * The question path on any text. In a plain test run the inputs under {@code
 * QuestionFuzzTestInputs} are replayed; with {@code JAZZER_FUZZ=1} one target is fuzzed for its
 * {@code maxDuration} (README, "Fuzzing").
 */
class QuestionFuzzTest {

  private static Suggester suggester;

  @BeforeAll
  static void load() throws Exception {
    KnowledgeBase kb =
        KnowledgeBase.load(Path.of(QuestionFuzzTest.class.getResource("/corpora/small").toURI()));
    // Room for the invisible characters a target inserts into a question of the usual length.
    suggester =
        Suggester.builder(kb).maxQuestionLength(3 * Suggester.DEFAULT_MAX_QUESTION_LENGTH).build();
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

  /**
   * Invisible characters (zero-width spaces, word joiners, byte order marks, bidi controls, control
   * characters) inserted anywhere change nothing a reader of the text sees: the same emotion,
   * matching, reply and advice.
   */
  @FuzzTest(maxDuration = "15s")
  void suggest_invisibleCharactersInserted_sameResult(byte[] input) {
    String question = Texts.questionOf(input);
    if (question.isBlank()) {
      return;
    }
    String spiked = Texts.spiked(question, Arrays.hashCode(input));

    SuggestResult plain = suggester.suggest(question);
    SuggestResult hidden = suggester.suggest(spiked);

    assertThat(hidden.emotion()).isEqualTo(plain.emotion());
    assertThat(hidden.normalized()).isEqualTo(plain.normalized());
    assertThat(hidden.decision()).isEqualTo(plain.decision());
    assertThat(hidden.suggestions()).isEqualTo(plain.suggestions());
    assertThat(hidden.also()).isEqualTo(plain.also());
    assertThat(hidden.reply()).isEqualTo(plain.reply());
    assertThat(hidden.advice()).isEqualTo(plain.advice());
    assertThat(hidden.emoji()).isEqualTo(plain.emoji());
    assertThat(hidden.facts()).isEqualTo(plain.facts());
  }

  /**
   * Context may lean a follow-up towards the last answer; it never turns a follow-up without a
   * single letter (punctuation, digits, symbols, emoji) into an answer it did not have alone.
   */
  @FuzzTest(maxDuration = "15s")
  void conversation_followUpWithoutLetters_neverAnsweredFromContext(byte[] input) {
    StringBuilder noLetters = new StringBuilder();
    Texts.questionOf(input)
        .codePoints()
        .filter(c -> !Character.isLetter(c))
        .forEach(noLetters::appendCodePoint);
    String followUp = noLetters.toString();
    if (followUp.isBlank()) {
      return;
    }
    Conversation c = Conversation.start("fuzz");
    suggester.suggest(c, "七天无理由退货怎么退");

    SuggestResult inContext = suggester.suggest(c, followUp);

    if (inContext.decision() == Decision.MATCH) {
      SuggestResult alone = suggester.suggest(followUp);
      assertThat(alone.decision()).isEqualTo(Decision.MATCH);
      assertThat(inContext.suggestions().get(0).intent())
          .isEqualTo(alone.suggestions().get(0).intent());
    }
    assertThat(c.turns()).hasSize(2);
  }
}
