package io.github.huashu;

import java.util.List;

/**
 * What {@link KnowledgeBase#lint} found.
 *
 * @param problems errors (the corpus would not load) and warnings, by file and line
 * @param intents how many intents the corpus has (0 when it has errors)
 * @param examples how many examples the corpus has (0 when it has errors)
 *     <p>Immutable.
 */
public record LintReport(List<CorpusProblem> problems, int intents, int examples) {

  public LintReport {
    problems = List.copyOf(problems);
  }

  public List<CorpusProblem> errors() {
    return problems.stream().filter(p -> p.severity() == CorpusProblem.Severity.ERROR).toList();
  }

  public List<CorpusProblem> warnings() {
    return problems.stream().filter(p -> p.severity() == CorpusProblem.Severity.WARNING).toList();
  }

  /** Whether the corpus would load and nothing needs looking at. */
  public boolean isClean() {
    return problems.isEmpty();
  }
}
