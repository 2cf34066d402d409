package io.github.huashu.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.huashu.Conversation;
import java.time.Duration;

/**
 * The conversations the server keeps for {@code conversation_id}: at most a number of them, each
 * dropped after an idle time (least recently used first when full), each remembering its last
 * {@value Conversation#MAX_TURNS} turns. A dropped conversation starts afresh on its next message.
 * Thread-safe.
 */
final class Conversations {

  private final Cache<String, Conversation> cache;

  Conversations(long maximumSize, Duration idleExpiry) {
    this.cache =
        Caffeine.newBuilder().maximumSize(maximumSize).expireAfterAccess(idleExpiry).build();
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
    // Key names have no NUL character: the two parts cannot run into each other.
    return cache.get(owner + '\u0000' + id, k -> Conversation.start(id));
  }

  long estimatedSize() {
    return cache.estimatedSize();
  }
}
