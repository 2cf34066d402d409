package io.github.huashu.server;

import java.time.Duration;

/**
 * The limits of a server, as its builder set them; see {@link SuggestionServer.Builder} for what
 * each means and its default. Immutable.
 */
record Limits(
    long maxBodyBytes,
    int maxBatchSize,
    int maxQuestionLength,
    int maxDraftLength,
    Duration requestTimeout,
    int maxConcurrentRequests,
    long maxConversations,
    Duration conversationIdleExpiry,
    long answerCacheSize) {

  /** The most suggestions a request may ask for with {@code top}. */
  static final int MAX_TOP = 10;

  /** The longest conversation id, in characters. */
  static final int MAX_CONVERSATION_ID_LENGTH = 128;

  /** The longest wait a message may report, in seconds: a year. */
  static final double MAX_WAITED_SECONDS = 365 * 24 * 3600;
}
