package io.github.huashu.server;

import io.github.huashu.Conversation;
import io.github.huashu.Message;
import io.github.huashu.SuggestResult;
import io.github.huashu.Suggester;
import io.github.huashu.Thresholds;

/**
 * A checked suggest request: the message, its conversation (or null), the thresholds and how many
 * suggestions ({@code 0}: the server's). Immutable.
 */
record Ask(Message message, String conversationId, Thresholds thresholds, int top) {

  /**
   * The answer from this request's knowledge base: by the shared suggester (with its cache) when
   * the request keeps the server's settings, else by a suggester built for this request (cheap: the
   * knowledge base's models are shared), in the conversation when there is one: the one of that id
   * kept for {@code owner}, the name of the key that asks ("" without keys).
   */
  SuggestResult answer(Served served, Conversations conversations, Limits limits, String owner) {
    Suggester shared = served.suggester();
    Suggester suggester =
        (top == 0 || top == shared.topK()) && thresholds.equals(shared.thresholds())
            ? shared
            : Suggester.builder(served.knowledgeBase())
                .topK(top == 0 ? shared.topK() : top)
                .thresholds(thresholds)
                .maxQuestionLength(limits.maxQuestionLength())
                .build();
    if (conversationId == null) {
      return suggester.suggest(message);
    }
    Conversation conversation = conversations.get(owner, conversationId);
    SuggestResult result = suggester.suggest(conversation, message);
    conversations.grown(owner, conversationId);
    return result;
  }
}
