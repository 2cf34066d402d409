package io.github.huashu.internal.corpus;

import io.github.huashu.CorpusProblem;
import io.github.huashu.CorpusProblem.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one load. Not thread-safe. */
public final class Problems {

  private final List<CorpusProblem> all = new ArrayList<>();

  void error(String file, int line, int column, String field, String message) {
    all.add(new CorpusProblem(Severity.ERROR, file, line, column, field, message));
  }

  void warning(String file, int line, int column, String field, String message) {
    all.add(new CorpusProblem(Severity.WARNING, file, line, column, field, message));
  }

  void add(CorpusProblem problem) {
    all.add(problem);
  }

  boolean hasErrors() {
    return all.stream().anyMatch(p -> p.severity() == Severity.ERROR);
  }

  /** The problems of the given severity, sorted by file, line and column. */
  public List<CorpusProblem> list(Severity severity) {
    return all.stream()
        .filter(p -> p.severity() == severity)
        .sorted(
            Comparator.comparing(CorpusProblem::file)
                .thenComparingInt(CorpusProblem::line)
                .thenComparingInt(CorpusProblem::column))
        .toList();
  }
}
