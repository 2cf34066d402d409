package io.github.huashu;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.huashu.internal.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One shopper's conversation: the recent messages with their intents and emotions, so that
 * follow-ups are read in context ("那运费谁出？" after a return question) and repetition raises anxiety.
 * Pass it to {@link Suggester#suggest(Conversation, Message)}, which reads and extends it.
 *
 * <p>Cheap to create (one per shopper session); keeps the last {@value #MAX_TURNS} turns. {@link
 * #toJson()} and {@link #fromJson(String)} let a vendor keep it in their own store between
 * messages.
 *
 * <p>Thread-safe: turns are added and read under the conversation's lock, and the suggester handles
 * one message of a conversation at a time.
 */
public final class Conversation {

  /** How many turns a conversation remembers. */
  public static final int MAX_TURNS = 20;

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final java.util.Set<String> TURN_FIELDS =
      java.util.Set.of("message", "intent", "decision", "emotion", "intensity", "at");

  private final String id;
  private final Deque<Turn> turns = new ArrayDeque<>(); // guarded by this

  /**
   * One message and how it was read.
   *
   * @param message what the shopper wrote
   * @param intent the intent answered or asked about first, or {@code ""}
   * @param decision what was decided
   * @param emotion the emotion read
   * @param intensity its intensity
   * @param at when the message was handled
   *     <p>Immutable.
   */
  public record Turn(
      String message,
      String intent,
      Decision decision,
      Emotion.Label emotion,
      int intensity,
      Instant at) {
    public Turn {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(intent, "intent");
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(emotion, "emotion");
      Objects.requireNonNull(at, "at");
    }
  }

  private Conversation(String id) {
    this.id = id;
  }

  /** A new conversation with a random id. */
  public static Conversation start() {
    return new Conversation(UUID.randomUUID().toString());
  }

  /**
   * A new conversation with the caller's id (a session or chat id). The id also chooses the
   * phrasings of replies, so one conversation reads consistently.
   */
  public static Conversation start(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("expected a conversation id but it was blank");
    }
    return new Conversation(id);
  }

  public String id() {
    return id;
  }

  /** The remembered turns, oldest first; a copy. */
  public synchronized List<Turn> turns() {
    return List.copyOf(turns);
  }

  synchronized void add(Turn turn) {
    turns.addLast(turn);
    while (turns.size() > MAX_TURNS) {
      turns.removeFirst();
    }
  }

  /**
   * The conversation as JSON: {@code {"id", "turns": [{"message", "intent", "decision", "emotion",
   * "intensity", "at"}]}}.
   */
  public synchronized String toJson() {
    return Json.text(
        json -> {
          json.writeStartObject();
          json.writeStringField("id", id);
          json.writeArrayFieldStart("turns");
          for (Turn turn : turns) {
            json.writeStartObject();
            json.writeStringField("message", turn.message());
            json.writeStringField("intent", turn.intent());
            json.writeStringField("decision", turn.decision().name());
            json.writeStringField("emotion", turn.emotion().name());
            json.writeNumberField("intensity", turn.intensity());
            json.writeStringField("at", turn.at().toString());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  /**
   * Reads a conversation written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException if the text is not such a conversation; the message says where
   *     and what
   */
  public static Conversation fromJson(String text) {
    Objects.requireNonNull(text, "text");
    try (JsonParser p = JSON.createParser(text)) {
      expect(p, p.nextToken(), JsonToken.START_OBJECT, "a conversation object");
      String id = null;
      List<Turn> turns = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "id" -> {
            expect(p, value, JsonToken.VALUE_STRING, "'id' as text");
            id = p.getText();
          }
          case "turns" -> {
            expect(p, value, JsonToken.START_ARRAY, "'turns' as a list");
            while (p.nextToken() == JsonToken.START_OBJECT) {
              turns.add(turn(p));
            }
          }
          default -> throw error(p, "unknown field '" + field + "'");
        }
      }
      if (id == null) {
        throw new IllegalArgumentException("not a conversation: missing field 'id'");
      }
      Conversation conversation = start(id);
      turns.forEach(conversation::add);
      return conversation;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a conversation: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Turn turn(JsonParser p) throws IOException {
    String message = null;
    String intent = "";
    Decision decision = null;
    Emotion.Label emotion = Emotion.Label.CALM;
    int intensity = 0;
    Instant at = Instant.EPOCH;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      if (!TURN_FIELDS.contains(field)) {
        throw error(p, "unknown field '" + field + "' in a turn");
      }
      p.nextToken();
      try {
        switch (field) {
          case "message" -> message = p.getValueAsString();
          case "intent" -> intent = p.getValueAsString("");
          case "decision" -> decision = Decision.valueOf(p.getValueAsString(""));
          case "emotion" -> emotion = Emotion.Label.valueOf(p.getValueAsString(""));
          case "intensity" -> intensity = p.getValueAsInt(-1);
          default -> at = Instant.parse(p.getValueAsString(""));
        }
      } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
        throw error(p, "bad value for '" + field + "' in a turn: " + e.getMessage());
      }
    }
    if (message == null || decision == null) {
      throw error(p, "a turn needs 'message' and 'decision'");
    }
    if (intensity < 0 || intensity > 10) {
      throw error(p, "'intensity' must be 0 to 10 but was " + intensity);
    }
    return new Turn(message, intent, decision, emotion, intensity, at);
  }

  private static void expect(JsonParser p, JsonToken actual, JsonToken expected, String what) {
    if (actual != expected) {
      throw error(p, "expected " + what + " but found " + actual);
    }
  }

  private static IllegalArgumentException error(JsonParser p, String message) {
    return new IllegalArgumentException(
        "not a conversation: "
            + message
            + " at line "
            + p.currentLocation().getLineNr()
            + ", column "
            + p.currentLocation().getColumnNr());
  }

  @Override
  public String toString() {
    return "Conversation[" + id + ", " + turns().size() + " turns]";
  }
}
