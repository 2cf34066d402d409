package io.github.huashu.internal.corpus;

/** An intent as read, before cross-file checks, with where it was defined. */
record Draft(String id, String file, int line, int column, Node node, Defaults defaults) {}
