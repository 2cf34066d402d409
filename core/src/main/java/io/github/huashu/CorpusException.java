package io.github.huashu;

import java.util.List;

/**
 * A corpus could not be loaded. Carries every problem found, not only the first, so that a content
 * editor can fix them all in one pass; nothing of the corpus was loaded.
 *
 * <p>Immutable.
 */
public final class CorpusException extends Exception {

  private static final long serialVersionUID = 1L;
  private static final int LISTED = 50;

  private final transient List<CorpusProblem> problems;

  public CorpusException(List<CorpusProblem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, in the order of files and lines; never empty. */
  public List<CorpusProblem> problems() {
    return problems;
  }

  private static String message(List<CorpusProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("expected at least one problem");
    }
    StringBuilder out = new StringBuilder();
    out.append("corpus has ")
        .append(problems.size())
        .append(problems.size() == 1 ? " problem" : " problems");
    for (int i = 0; i < Math.min(LISTED, problems.size()); i++) {
      out.append(System.lineSeparator()).append(problems.get(i));
    }
    if (problems.size() > LISTED) {
      out.append(System.lineSeparator())
          .append("... and ")
          .append(problems.size() - LISTED)
          .append(" more");
    }
    return out.toString();
  }
}
