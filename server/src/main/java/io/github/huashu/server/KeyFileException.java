package io.github.huashu.server;

import java.util.List;

/**
 * A keys file could not be read: every line at fault, each message naming the file, the line and
 * the field ({@code keys.txt:3: field 'rate': expected N/s or N/min … but was '100'}). Immutable.
 */
public final class KeyFileException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  KeyFileException(List<String> problems) {
    super(String.join(System.lineSeparator(), problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("expected at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems, in the order of the lines; never empty. */
  public List<String> problems() {
    return problems;
  }
}
