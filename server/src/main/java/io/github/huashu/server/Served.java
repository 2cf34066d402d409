package io.github.huashu.server;

import io.github.huashu.KnowledgeBase;
import io.github.huashu.Suggester;
import java.util.Objects;

/**
 * What answers one request: a knowledge base and the suggester built on it, read once per request
 * from the server's holder so that a request never mixes two corpora. Immutable.
 */
record Served(KnowledgeBase knowledgeBase, Suggester suggester) {
  Served {
    Objects.requireNonNull(knowledgeBase, "knowledgeBase");
    Objects.requireNonNull(suggester, "suggester");
    if (suggester.knowledgeBase() != knowledgeBase) {
      throw new IllegalArgumentException(
          "expected the suggester of knowledge base "
              + knowledgeBase.version()
              + " but it was of "
              + suggester.knowledgeBase().version());
    }
  }

  String version() {
    return knowledgeBase.version();
  }
}
