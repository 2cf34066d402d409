package io.github.huashu.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.huashu.Conversation;
import io.github.huashu.Suggester;

/** {@link Conversation#fromJson(String)} on any text. */
class ConversationFuzzTest {

  /**
   * Any text is either a conversation that writes back as itself, or an {@link
   * IllegalArgumentException} that says where and what, briefly; never another exception.
   */
  @FuzzTest(maxDuration = "15s")
  void fromJson_anyText_aConversationOrALocatedError(byte[] input) {
    String text = new String(input, UTF_8);
    Conversation c;
    try {
      c = Conversation.fromJson(text);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage())
          .startsWith("not a conversation: ")
          .containsPattern("at line \\d+, column \\d+: ")
          .hasSizeLessThan(300);
      return;
    }
    assertThat(c.turns()).hasSizeLessThanOrEqualTo(Conversation.MAX_TURNS);
    for (Conversation.Turn turn : c.turns()) {
      assertThat(turn.message()).isNotBlank();
      assertThat(turn.message().codePointCount(0, turn.message().length()))
          .isLessThanOrEqualTo(Suggester.DEFAULT_MAX_QUESTION_LENGTH);
      assertThat(turn.intensity()).isBetween(0, 10);
    }
    Conversation again = Conversation.fromJson(c.toJson());
    assertThat(again.id()).isEqualTo(c.id());
    assertThat(again.turns()).isEqualTo(c.turns());
  }
}
