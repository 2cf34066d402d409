/**
 * Stage 1, normalise (with {@code ChineseNormalizer} in the analyzers module): take the platform's
 * metadata out of a message (order cards, links, placeholders, long numbers) and keep what it
 * identifies as facts; find the part of a message that asks. Not API.
 */
package io.github.huashu.internal.normalize;
