package io.github.huashu;

/** What a suggester decided to do with a question. */
public enum Decision {
  /** One intent is confident enough to answer with. */
  MATCH,
  /** Two or three intents are about equally likely: ask the shopper which one they mean. */
  CLARIFY,
  /** Nothing is confident: hand the shopper over to a person and suggest a ticket. */
  FALLBACK
}
