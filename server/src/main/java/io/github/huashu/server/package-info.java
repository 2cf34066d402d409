/**
 * The suggestion service: Huashu over HTTP, for chatbot vendors that do not call it from Java. The
 * entry is {@link io.github.huashu.server.SuggestionServer}; everything else in this package is
 * package-private (one small class per endpoint, the strict request reader, the problem writer).
 */
package io.github.huashu.server;
