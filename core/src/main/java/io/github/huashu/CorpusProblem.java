package io.github.huashu;

import java.util.Objects;

/**
 * One thing wrong with a corpus, located the way a compiler locates it: {@code
 * after-sales.yaml:42:7: intent 'aftersales.exchange': examples must not be empty}.
 *
 * @param severity whether the problem stops the corpus from loading
 * @param file the file's path relative to the corpus folder ({@code ""} for the folder itself)
 * @param line 1-based line, or 0 when the problem concerns the whole file
 * @param column 1-based column, or 0 when unknown
 * @param field where in the document: a path such as {@code intents[3].examples}, or {@code ""}
 * @param message what is wrong and, where it helps, what was expected
 *     <p>Immutable.
 */
public record CorpusProblem(
    Severity severity, String file, int line, int column, String field, String message) {

  /** How serious a problem is. */
  public enum Severity {
    /** The corpus cannot be loaded. */
    ERROR,
    /** The corpus loads, but a content editor should look (reported by lint). */
    WARNING
  }

  public CorpusProblem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException(
          "expected a non-negative line and column but was " + line + ":" + column);
    }
  }

  /** Formats the problem as {@code file:line:column: [warning: ]message}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(file);
    if (line > 0) {
      out.append(':').append(line);
      if (column > 0) {
        out.append(':').append(column);
      }
    }
    out.append(": ");
    if (severity == Severity.WARNING) {
      out.append("warning: ");
    }
    return out.append(message).toString();
  }
}
