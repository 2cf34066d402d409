/**
 * Corpus linting for editors: what a corpus that loads should still fix (examples that nearly
 * repeat under different intents, repeated examples within an intent, intents with few examples,
 * incomplete bundles). Not API.
 */
package io.github.huashu.internal.lint;
