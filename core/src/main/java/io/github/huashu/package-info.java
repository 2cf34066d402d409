/**
 * Huashu's API: load a {@link io.github.huashu.KnowledgeBase} from a corpus folder, answer shopper
 * questions with a {@link io.github.huashu.Suggester} (one at a time or in a {@link
 * io.github.huashu.Conversation}), read emotions with {@link io.github.huashu.EmotionDetector},
 * check drafts with {@link io.github.huashu.KnowledgeBase#lintReply}, and measure a corpus with
 * {@link io.github.huashu.Evaluation}. Results are immutable records; every type says in its
 * javadoc whether it is immutable or thread-safe. This is the only package the module exports.
 */
package io.github.huashu;
