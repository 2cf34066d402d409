package io.github.huashu.internal.corpus;

/** Where something stands in a corpus file (1-based line and column). Immutable. */
public record Location(String file, int line, int column) {}
