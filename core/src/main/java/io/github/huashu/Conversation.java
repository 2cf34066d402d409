package io.github.huashu;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import io.github.huashu.internal.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

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

  /** Jackson's own location in its messages, which the message already gives. */
  private static final Pattern JACKSON_SOURCE =
      Pattern.compile(" *\\((?:start marker at )?\\[Source:.*$", Pattern.DOTALL);

  private static final Set<String> TURN_FIELDS =
      Set.of("message", "intent", "decision", "emotion", "intensity", "at");

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
   * Reads a conversation written by {@link #toJson()}, whose messages are at most {@value
   * Suggester#DEFAULT_MAX_QUESTION_LENGTH} characters long (what a suggester accepts unless built
   * with another {@link Suggester.Builder#maxQuestionLength}). Of more than {@value #MAX_TURNS}
   * turns, the last {@value #MAX_TURNS} are kept.
   *
   * @throws IllegalArgumentException if the text is not exactly such a conversation: not JSON, not
   *     an object, anything after it, a field twice, an unknown field, a turn that is not an
   *     object, a value of the wrong type ({@code "intensity": "5"}, {@code "message": 123}), a
   *     blank or too long message; the message says where (line and column, and the field, such as
   *     {@code turns[2].intensity}) and what was expected
   */
  public static Conversation fromJson(String text) {
    return fromJson(text, Suggester.DEFAULT_MAX_QUESTION_LENGTH);
  }

  /**
   * Reads a conversation written by {@link #toJson()}, whose messages are at most {@code
   * maxMessageLength} characters (code points) long: the {@link
   * Suggester.Builder#maxQuestionLength} of the suggester that handles it.
   *
   * @throws IllegalArgumentException as {@link #fromJson(String)} does, or if {@code
   *     maxMessageLength < 1}
   */
  public static Conversation fromJson(String text, int maxMessageLength) {
    Objects.requireNonNull(text, "text");
    if (maxMessageLength < 1) {
      throw new IllegalArgumentException(
          "expected maxMessageLength >= 1 but was " + maxMessageLength);
    }
    try (JsonParser p = JSON.createParser(text)) {
      try {
        return new JsonReader(p, maxMessageLength).conversation();
      } catch (JsonProcessingException e) {
        String what = JACKSON_SOURCE.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("");
        throw new IllegalArgumentException(
            located(
                JsonReader.path(p.getParsingContext()),
                e.getLocation(),
                JsonReader.brief(what, 100)),
            e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * "not a conversation: turns[2].intensity at line 1, column 57: expected …", as much of the place
   * as is known.
   */
  private static String located(String path, JsonLocation at, String what) {
    String location =
        at == null || at.getLineNr() < 0
            ? ""
            : "at line " + at.getLineNr() + ", column " + at.getColumnNr();
    String where = path.isEmpty() ? location : location.isEmpty() ? path : path + " " + location;
    return "not a conversation: " + (where.isEmpty() ? "" : where + ": ") + what;
  }

  /** Reads one conversation from a parser, strictly. Not thread-safe; one per text. */
  private static final class JsonReader {

    /** Longest quote of the input in an error message, in characters. */
    private static final int QUOTE = 40;

    private final JsonParser p;
    private final int maxMessageLength;

    JsonReader(JsonParser p, int maxMessageLength) {
      this.p = p;
      this.maxMessageLength = maxMessageLength;
    }

    Conversation conversation() throws IOException {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw error("", "expected a conversation object but was " + found());
      }
      String id = null;
      Deque<Turn> turns = new ArrayDeque<>();
      Set<String> seen = new HashSet<>();
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String field = p.currentName();
        if (!seen.add(field)) {
          throw error(field, "expected each field once but '" + field + "' came again");
        }
        if (!field.equals("id") && !field.equals("turns")) {
          throw error(
              brief(field), "unknown field '" + brief(field) + "' (expected one of id, turns)");
        }
        p.nextToken();
        switch (field) {
          case "id" -> {
            id = string(field);
            if (id.isBlank()) {
              throw error(field, "expected a conversation id but it was blank");
            }
          }
          default -> turns(turns);
        }
      }
      if (id == null) {
        throw error("", "expected a field 'id' but there was none");
      }
      if (p.nextToken() != null) {
        throw error("", "expected nothing after the conversation but found " + found());
      }
      Conversation conversation = start(id);
      turns.forEach(conversation::add);
      return conversation;
    }

    private void turns(Deque<Turn> turns) throws IOException {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw error("turns", "expected a list of turns but was " + found());
      }
      int index = 0;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        String path = "turns[" + index++ + "]";
        if (t != JsonToken.START_OBJECT) {
          throw error(path, "expected a turn object but was " + found());
        }
        turns.addLast(turn(path));
        if (turns.size() > MAX_TURNS) {
          turns.removeFirst();
        }
      }
    }

    private Turn turn(String path) throws IOException {
      JsonLocation start = p.currentTokenLocation();
      String message = null;
      String intent = "";
      Decision decision = null;
      Emotion.Label emotion = Emotion.Label.CALM;
      int intensity = 0;
      Instant at = Instant.EPOCH;
      Set<String> seen = new HashSet<>();
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String field = p.currentName();
        String here = path + "." + brief(field);
        if (!TURN_FIELDS.contains(field)) {
          throw error(
              here,
              "unknown field '"
                  + brief(field)
                  + "' (expected one of message, intent, decision, emotion, intensity, at)");
        }
        if (!seen.add(field)) {
          throw error(here, "expected each field once but '" + field + "' came again");
        }
        p.nextToken();
        switch (field) {
          case "message" -> message = message(here);
          case "intent" -> intent = string(here);
          case "decision" -> decision = constant(here, Decision.class);
          case "emotion" -> emotion = constant(here, Emotion.Label.class);
          case "intensity" -> intensity = intensity(here);
          default -> at = instant(here);
        }
      }
      if (message == null || decision == null) {
        throw new IllegalArgumentException(
            located(
                path,
                start,
                "expected a turn with 'message' and 'decision' but it had no '"
                    + (message == null ? "message" : "decision")
                    + "'"));
      }
      return new Turn(message, intent, decision, emotion, intensity, at);
    }

    private String string(String path) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        throw error(path, "expected text but was " + found());
      }
      return p.getText();
    }

    private String message(String path) throws IOException {
      String message = string(path);
      int length = message.codePointCount(0, message.length());
      if (length > maxMessageLength) {
        throw error(
            path,
            "expected a message of at most "
                + maxMessageLength
                + " characters but it had "
                + length);
      }
      if (message.isBlank()) {
        throw error(path, "expected a message but it was blank");
      }
      return message;
    }

    private <E extends Enum<E>> E constant(String path, Class<E> type) throws IOException {
      String name = string(path);
      for (E e : type.getEnumConstants()) {
        if (e.name().equals(name)) {
          return e;
        }
      }
      throw error(
          path,
          "expected one of "
              + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())
              + " but was "
              + found());
    }

    private int intensity(String path) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NUMBER_INT
          && p.getNumberType() == JsonParser.NumberType.INT
          && p.getIntValue() >= 0
          && p.getIntValue() <= 10) {
        return p.getIntValue();
      }
      throw error(path, "expected a whole number from 0 to 10 but was " + found());
    }

    private Instant instant(String path) throws IOException {
      String text = string(path);
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw error(path, "expected an instant such as 2026-12-07T08:30:00Z but was " + found());
      }
    }

    /** What the current token is, quoted briefly. */
    private String found() throws IOException {
      JsonToken t = p.currentToken();
      if (t == null) {
        return "the end of the text";
      }
      return switch (t) {
        case START_OBJECT -> "an object";
        case START_ARRAY -> "a list";
        case END_OBJECT -> "the end of an object";
        case END_ARRAY -> "the end of a list";
        case FIELD_NAME -> "the field '" + brief(p.currentName()) + "'";
        case VALUE_STRING -> "the text '" + brief(p.getText()) + "'";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number '" + brief(p.getText()) + "'";
        default -> "'" + brief(p.getText()) + "'";
      };
    }

    /** An error at the current token. */
    private IllegalArgumentException error(String path, String message) {
      return new IllegalArgumentException(located(path, p.currentTokenLocation(), message));
    }

    static String brief(String text) {
      return brief(text, QUOTE);
    }

    /**
     * The text with control and format characters escaped (NUL as backslash, u0000), cut to about
     * {@code max} characters (code points, an escape counting as its six) with an ellipsis if there
     * was more.
     */
    static String brief(String text, int max) {
      if (text == null) {
        return "";
      }
      StringBuilder out = new StringBuilder();
      int count = 0;
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        i += Character.charCount(cp);
        if (count >= max) {
          return out.append('…').toString();
        }
        if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
          out.append(String.format(Locale.ROOT, "\\u%04X", cp));
          count += 6;
        } else {
          out.appendCodePoint(cp);
          count++;
        }
      }
      return out.toString();
    }

    /** The parser's position as a path such as {@code turns[2].intensity}, or "". */
    static String path(JsonStreamContext context) {
      Deque<String> parts = new ArrayDeque<>();
      for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
        if (c.inArray() && c.getCurrentIndex() >= 0) {
          parts.addFirst("[" + c.getCurrentIndex() + "]");
        } else if (c.inObject() && c.getCurrentName() != null) {
          parts.addFirst("." + brief(c.getCurrentName()));
        }
      }
      String path = String.join("", parts);
      return path.startsWith(".") ? path.substring(1) : path;
    }
  }

  @Override
  public String toString() {
    return "Conversation[" + id + ", " + turns().size() + " turns]";
  }
}
