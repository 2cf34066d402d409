package io.github.huashu;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.huashu.internal.tsv.Tsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A held-out question and the intent it should match; {@link #NONE} when nothing should (out of
 * scope), {@link #CONTEXT} when the message is a fragment that cannot be understood without the
 * previous turn ("可收到?", "怎么修改呢"), so that answering it with confidence would be a guess.
 *
 * @param question the question as a shopper wrote it
 * @param expected the expected intent id, {@code _none} or {@code _context}
 * @param line the 1-based line of the cases file it came from (0 if made in code)
 *     <p>Immutable.
 */
public record EvalCase(String question, String expected, int line) {

  /** The expected label of out-of-scope questions. */
  public static final String NONE = "_none";

  /** The expected label of fragments that need the previous turn. */
  public static final String CONTEXT = "_context";

  public EvalCase {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(expected, "expected");
  }

  /** Whether an intent is expected (neither {@link #NONE} nor {@link #CONTEXT}). */
  public boolean inScope() {
    return !outOfScope() && !needsContext();
  }

  /** Whether the case is out of scope: nothing should match it. */
  public boolean outOfScope() {
    return expected.equals(NONE);
  }

  /** Whether the case is a fragment that needs the previous turn: it should not be MATCHed. */
  public boolean needsContext() {
    return expected.equals(CONTEXT);
  }

  /**
   * Reads a cases file: lines {@code question<TAB>expected_intent}, blank lines and lines starting
   * with {@code #} ignored.
   *
   * @throws CorpusException naming every malformed line
   * @throws IOException if the file cannot be read
   */
  public static List<EvalCase> read(Path file) throws IOException, CorpusException {
    List<EvalCase> cases = new ArrayList<>();
    List<CorpusProblem> problems = new ArrayList<>();
    String name = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new CorpusException(
          List.of(
              new CorpusProblem(
                  CorpusProblem.Severity.ERROR, name, 0, 0, "", "cases file does not exist")));
    }
    Tsv.Table table = Tsv.parse(Files.readString(file, UTF_8), 2, "question<TAB>expected_intent");
    for (Tsv.Bad bad : table.bad()) {
      problems.add(
          new CorpusProblem(
              CorpusProblem.Severity.ERROR, name, bad.line(), bad.column(), "", bad.message()));
    }
    for (Tsv.Row row : table.rows()) {
      if (row.field(0).isEmpty() || row.field(1).isEmpty()) {
        int column = row.field(0).isEmpty() ? 1 : row.column(1);
        problems.add(
            new CorpusProblem(
                CorpusProblem.Severity.ERROR,
                name,
                row.line(),
                column,
                "",
                row.field(0).isEmpty()
                    ? "question must not be empty"
                    : "expected intent must not be empty"));
        continue;
      }
      cases.add(new EvalCase(row.field(0), row.field(1), row.line()));
    }
    if (!problems.isEmpty()) {
      throw new CorpusException(problems);
    }
    if (cases.isEmpty()) {
      throw new CorpusException(
          List.of(
              new CorpusProblem(
                  CorpusProblem.Severity.ERROR, name, 0, 0, "", "no cases in the file")));
    }
    return List.copyOf(cases);
  }
}
