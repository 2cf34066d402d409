/**
 * The one place JSON is written: suggestion results, evaluation reports and draft reports, with the
 * field names the command line and the documentation promise. Not API.
 */
package io.github.huashu.internal.json;
