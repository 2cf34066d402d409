/**
 * The one reader of tab-separated text (corpus examples, evaluation cases, bundled data), with
 * lines and columns in its errors. Not API.
 */
package io.github.huashu.internal.tsv;
