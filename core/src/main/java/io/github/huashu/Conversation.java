package io.github.huashu;

import io.github.huashu.internal.json.ConversationJson;
import io.github.huashu.internal.json.Json;
import java.time.Instant;
import java.util.ArrayDeque;
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
    return Json.write(id, List.copyOf(turns));
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
    ConversationJson.Read read = ConversationJson.read(text, maxMessageLength);
    Conversation conversation = start(read.id());
    read.turns().forEach(conversation::add);
    return conversation;
  }

  @Override
  public String toString() {
    return "Conversation[" + id + ", " + turns().size() + " turns]";
  }
}
