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

  /** The conversation with this id, started if there is none. */
  Conversation get(String id) {
    return cache.get(id, Conversation::start);
  }

  long estimatedSize() {
    return cache.estimatedSize();
  }
}
