package io.github.huashu.internal.corpus;

import java.util.List;

/** What a file's {@code defaults} give every intent of the file. */
record Defaults(
    String category,
    String scene,
    String department,
    List<String> collaborators,
    List<String> tags,
    List<String> checks) {
  static final Defaults NONE = new Defaults("", "", "", List.of(), List.of(), List.of());
}
