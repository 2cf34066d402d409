package io.github.huashu.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import io.github.huashu.Conversation;
import io.github.huashu.Decision;
import io.github.huashu.Emotion;
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
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a conversation as {@link Conversation#toJson()} writes it, strictly: anything else is an
 * {@link IllegalArgumentException} that says where (line, column, field path) and what was
 * expected. Stateless.
 */
public final class ConversationJson {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** Jackson's own location in its messages, which the message already gives. */
  private static final Pattern JACKSON_SOURCE =
      Pattern.compile(" *\\((?:start marker at )?\\[Source:.*$", Pattern.DOTALL);

  private static final Set<String> TURN_FIELDS =
      Set.of("message", "intent", "decision", "emotion", "intensity", "at");

  private ConversationJson() {}

  /** What a conversation's JSON holds: its id and its turns, oldest first. */
  public record Read(String id, List<Conversation.Turn> turns) {}

  /**
   * Reads a conversation's JSON.
   *
   * @throws IllegalArgumentException if the text is not exactly a conversation
   */
  public static Read read(String text, int maxMessageLength) {
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

    Read conversation() throws IOException {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw error("", "expected a conversation object but was " + found());
      }
      String id = null;
      Deque<Conversation.Turn> turns = new ArrayDeque<>();
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
      return new Read(id, List.copyOf(turns));
    }

    private void turns(Deque<Conversation.Turn> turns) throws IOException {
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
        if (turns.size() > Conversation.MAX_TURNS) {
          turns.removeFirst();
        }
      }
    }

    private Conversation.Turn turn(String path) throws IOException {
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
      return new Conversation.Turn(message, intent, decision, emotion, intensity, at);
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
}
