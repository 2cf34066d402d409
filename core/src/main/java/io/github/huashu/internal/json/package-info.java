/**
 * The one place JSON is written and read: suggestion results, evaluation reports, draft reports and
 * conversations (read strictly by {@code ConversationJson}), with the field names the command line
 * and the documentation promise. Not API.
 */
package io.github.huashu.internal.json;
