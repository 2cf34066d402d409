/**
 * Corpus linting for editors: what a corpus that loads should still fix (near-duplicate examples,
 * too few examples, intents without replies). Not API.
 */
package io.github.huashu.internal.lint;
