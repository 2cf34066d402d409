/**
 * Training, apart from the runtime: {@code Trainer} analyses a corpus once, trains the final
 * matcher and the cross-validation folds that calibrate it, with background out-of-scope messages
 * for small corpora, and returns the runtime {@code Engine}. Not API.
 */
package io.github.huashu.internal.train;
