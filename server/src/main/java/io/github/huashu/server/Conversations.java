package io.github.huashu.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.huashu.Conversation;
import java.time.Duration;

/**
 * The conversations the server keeps for {@code conversation_id}: at most a number of them, each
 * dropped after an idle time (least recently used first when full), each remembering its last
 * {@value Conversation#MAX_TURNS} turns. A conversation whose kept messages run past {@value
 * #CHARACTERS_PER_PLACE} characters takes a place for each {@value #CHARACTERS_PER_PLACE}, so that
 * the kept text stays within about that many characters per place, whatever clients send (else 20
 * turns of 1,000 characters in each of 100,000 conversations: about 4 GB). A dropped conversation
 * starts afresh on its next message. Thread-safe.
 */
final class Conversations {

  /** The characters of kept messages a conversation has for each place it takes. */
  static final int CHARACTERS_PER_PLACE = 1_000;

  private final Cache<String, Conversation> cache;

  Conversations(long maximumSize, Duration idleExpiry) {
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(maximumSize)
            .weigher((String key, Conversation c) -> places(c))
            .expireAfterAccess(idleExpiry)
            .build();
  }

  /** The places a conversation takes: one, and one more for every full share of characters. */
  static int places(Conversation conversation) {
    long characters = 0;
    for (Conversation.Turn turn : conversation.turns()) {
      characters += turn.message().length();
    }
    return (int) Math.max(1, characters / CHARACTERS_PER_PLACE);
  }

  /** Weighs the conversation again, after a turn was added to it (it may be dropped for it). */
  void grown(String owner, String id) {
    cache.asMap().computeIfPresent(key(owner, id), (k, kept) -> kept);
  }

  private static String key(String owner, String id) {
    // Key names have no NUL character: the two parts cannot run into each other.
    return owner + '\u0000' + id;
  }

  /** The conversation with this id of the server without keys, started if there is none. */
  Conversation get(String id) {
    return get("", id);
  }

  /**
   * The conversation with this id of the key's client, started if there is none: clients with
   * different keys never share a conversation, whatever ids they choose (one could otherwise read
   * another's topic from its answers, and add turns to it).
   *
   * @param owner the name of the key that asks, or "" without keys
   */
  Conversation get(String owner, String id) {
    return cache.get(key(owner, id), k -> Conversation.start(id));
  }

  /** The places the kept conversations take, their pending evictions done first (for tests). */
  long places() {
    cache.cleanUp();
    return cache.policy().eviction().orElseThrow().weightedSize().orElseThrow();
  }

  /** How many conversations are kept, their pending evictions done first (for tests). */
  long conversations() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  long estimatedSize() {
    return cache.estimatedSize();
  }
}
