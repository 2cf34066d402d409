package io.github.huashu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConversationTest {

  private static final String TURN =
      "{\"message\":\"我的快递到哪了\",\"intent\":\"logistics.track\",\"decision\":\"MATCH\","
          + "\"emotion\":\"ANXIOUS\",\"intensity\":3,\"at\":\"2026-12-07T08:30:00Z\"}";

  private static String conversation(String turns) {
    return "{\"id\":\"c\",\"turns\":[" + turns + "]}";
  }

  private static void assertRejected(String json, String message) {
    assertThatThrownBy(() -> Conversation.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void fromJson_whatToJsonWrote_readBack() {
    Conversation c = Conversation.fromJson(conversation(TURN));

    assertThat(c.id()).isEqualTo("c");
    assertThat(c.turns())
        .containsExactly(
            new Conversation.Turn(
                "我的快递到哪了",
                "logistics.track",
                Decision.MATCH,
                Emotion.Label.ANXIOUS,
                3,
                Instant.parse("2026-12-07T08:30:00Z")));
    assertThat(Conversation.fromJson(c.toJson()).turns()).isEqualTo(c.turns());
  }

  @Test
  void fromJson_onlyMessageAndDecision_othersDefault() {
    Conversation c =
        Conversation.fromJson(conversation("{\"message\":\"在吗\",\"decision\":\"FALLBACK\"}"));

    assertThat(c.turns())
        .containsExactly(
            new Conversation.Turn(
                "在吗", "", Decision.FALLBACK, Emotion.Label.CALM, 0, Instant.EPOCH));
  }

  @Test
  void fromJson_moreTurnsThanRemembered_keepsTheLast() {
    StringBuilder turns = new StringBuilder();
    for (int i = 0; i < Conversation.MAX_TURNS + 5; i++) {
      turns.append(i == 0 ? "" : ",");
      turns.append("{\"message\":\"第").append(i).append("句\",\"decision\":\"MATCH\"}");
    }

    Conversation c = Conversation.fromJson(conversation(turns.toString()));

    assertThat(c.turns()).hasSize(Conversation.MAX_TURNS);
    assertThat(c.turns().get(0).message()).isEqualTo("第5句");
  }

  @Test
  void fromJson_turnThatIsNotAnObject_rejectedNotDropped() {
    assertRejected(
        conversation("1," + TURN),
        "not a conversation: turns[0] at line 1, column 20: expected a turn object but was the"
            + " number '1'");
    assertRejected(
        conversation(TURN + ",\"x\""),
        "not a conversation: turns[1] at line 1, column 150: expected a turn object but was the"
            + " text 'x'");
    assertRejected(
        conversation("[]"),
        "not a conversation: turns[0] at line 1, column 20: expected a turn object but was a list");
  }

  @Test
  void fromJson_anythingAfterTheConversation_rejected() {
    assertRejected(
        "{\"id\":\"c\"} {\"id\":\"d\"}",
        "not a conversation: at line 1, column 12: expected nothing after the conversation but"
            + " found an object");
    assertThatThrownBy(() -> Conversation.fromJson("{\"id\":\"c\"} trailing"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "not a conversation: at line 1, column 12: Unrecognized token" + " 'trailing'");
  }

  @Test
  void fromJson_duplicateKeys_rejected() {
    assertRejected(
        "{\"id\":\"c\",\"id\":\"d\"}",
        "not a conversation: id at line 1, column 11: expected each field once but 'id' came"
            + " again");
    assertRejected(
        conversation("{\"message\":\"a\",\"message\":\"b\",\"decision\":\"MATCH\"}"),
        "not a conversation: turns[0].message at line 1, column 35: expected each field once but"
            + " 'message' came again");
  }

  @Test
  void fromJson_valuesOfTheWrongType_rejectedNotCoerced() {
    assertRejected(
        conversation("{\"message\":\"a\",\"decision\":\"MATCH\",\"intensity\":\"5\"}"),
        "not a conversation: turns[0].intensity at line 1, column 66: expected a whole number from"
            + " 0 to 10 but was the text '5'");
    assertRejected(
        conversation("{\"message\":123,\"decision\":\"MATCH\"}"),
        "not a conversation: turns[0].message at line 1, column 31: expected text but was the"
            + " number '123'");
    assertRejected(
        conversation("{\"message\":\"a\",\"decision\":\"MATCH\",\"intensity\":5.0}"),
        "not a conversation: turns[0].intensity at line 1, column 66: expected a whole number from"
            + " 0 to 10 but was the number '5.0'");
    assertRejected(
        conversation("{\"message\":\"a\",\"decision\":\"MATCH\",\"intensity\":11}"),
        "not a conversation: turns[0].intensity at line 1, column 66: expected a whole number from"
            + " 0 to 10 but was the number '11'");
    assertRejected(
        conversation("{\"message\":\"a\",\"decision\":true}"),
        "not a conversation: turns[0].decision at line 1, column 46: expected text but was"
            + " 'true'");
    assertRejected(
        conversation("{\"message\":\"a\",\"decision\":\"MAYBE\"}"),
        "not a conversation: turns[0].decision at line 1, column 46: expected one of MATCH,"
            + " CLARIFY, FALLBACK but was the text 'MAYBE'");
    assertRejected(
        conversation("{\"message\":\"a\",\"decision\":\"MATCH\",\"at\":\"yesterday\"}"),
        "not a conversation: turns[0].at at line 1, column 59: expected an instant such as"
            + " 2026-12-07T08:30:00Z but was the text 'yesterday'");
    assertRejected(
        "{\"id\":7}",
        "not a conversation: id at line 1, column 7: expected text but was the number '7'");
    assertRejected(
        "{\"id\":\"c\",\n \"turns\": {}}",
        "not a conversation: turns at line 2, column 11: expected a list of turns but was an"
            + " object");
  }

  @Test
  void fromJson_storedMessageLongerThanAQuestion_rejected() {
    // Issue: a stored 200,000-character turn skipped the length limit; the next suggest took 1.5 s.
    String json =
        conversation("{\"message\":\"" + "退".repeat(200_000) + "\",\"decision\":\"MATCH\"}");

    assertRejected(
        json,
        "not a conversation: turns[0].message at line 1, column 31: expected a message of at most"
            + " 1000 characters but it had 200000");
    assertThat(Conversation.fromJson(json, 200_000).turns()).hasSize(1);
    assertRejected(
        conversation("{\"message\":\" \",\"decision\":\"MATCH\"}"),
        "not a conversation: turns[0].message at line 1, column 31: expected a message but it was"
            + " blank");
  }

  @Test
  void fromJson_missingOrUnknownFields_rejectedWithWhereAndWhat() {
    assertRejected(
        conversation("{\"message\":\"a\"}"),
        "not a conversation: turns[0] at line 1, column 20: expected a turn with 'message' and"
            + " 'decision' but it had no 'decision'");
    assertRejected(
        conversation("{\"mesage\":1}"),
        "not a conversation: turns[0].mesage at line 1, column 21: unknown field 'mesage'"
            + " (expected one of message, intent, decision, emotion, intensity, at)");
    assertRejected(
        "{\"id\":\"c\",\"name\":\"x\"}",
        "not a conversation: name at line 1, column 11: unknown field 'name' (expected one of id,"
            + " turns)");
    assertRejected(
        "{\"turns\":[]}",
        "not a conversation: at line 1, column 12: expected a field 'id' but there was none");
    assertRejected(
        "{\"id\":\" \"}",
        "not a conversation: id at line 1, column 7: expected a conversation id but it was blank");
  }

  @Test
  void fromJson_notAnObjectOrNotJson_rejected() {
    assertRejected(
        "[]",
        "not a conversation: at line 1, column 1: expected a conversation object but was a list");
    assertRejected(
        "",
        "not a conversation: at line 1, column 0: expected a conversation object but was the end of"
            + " the text");
    assertThatThrownBy(() -> Conversation.fromJson("{\"id\":\"c\",\"turns\":[" + TURN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "not a conversation: turns[0] at line 1, column 149: Unexpected end-of-input:"
                + " expected close marker for Array");
  }

  @Test
  void fromJson_longInputQuotedBriefly() {
    String json = conversation("{\"message\":\"a\",\"decision\":\"" + "X".repeat(500) + "\"}");

    assertRejected(
        json,
        "not a conversation: turns[0].decision at line 1, column 46: expected one of MATCH,"
            + " CLARIFY, FALLBACK but was the text '"
            + "X".repeat(40)
            + "…'");
  }

  @Test
  void fromJson_badMaximum_rejected() {
    assertThatThrownBy(() -> Conversation.fromJson("{}", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected maxMessageLength >= 1 but was 0");
  }
}
