package io.github.huashu.server;

/**
 * The body of {@code POST /v1/lint-reply}. Immutable.
 *
 * @param draft the agent's draft reply
 * @param intent the intent it answers, or null
 * @param shopperMessage the message it answers, or null
 */
record LintReplyRequest(String draft, String intent, String shopperMessage) {}
