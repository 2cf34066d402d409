package io.github.huashu.server;

import java.util.List;

/**
 * The body of {@code POST /v1/suggest:batch}: the messages to answer, in order. Immutable.
 *
 * @param items suggest requests as {@code POST /v1/suggest} takes them
 */
record BatchRequest(List<SuggestRequest> items) {}
