/**
 * Stage 8, compose: the reply to send from an intent's bundle, shaped by the shopper's emotion
 * (缓冲-解释-方案, 共情→道歉→解决→跟进) in the corpus's {@code Style}; and the draft checker behind {@code
 * lintReply}. Not API.
 */
package io.github.huashu.internal.compose;
