package io.github.huashu.internal.corpus;

import io.github.huashu.internal.tsv.Tsv;
import java.util.List;

/**
 * Reads the TSV files of labelled examples ({@code question<TAB>intent_id}, or the labels {@code
 * _none} and {@code _context}). Stateless.
 */
final class ExampleLines {

  private ExampleLines() {}

  /** A labelled example line with where its label stands. */
  record Line(String question, String intent, String file, int line, int column) {}

  static void read(String text, String file, List<Line> out, Problems problems) {
    Tsv.Table table = Tsv.parse(text, 2, "question<TAB>intent_id");
    for (Tsv.Bad bad : table.bad()) {
      problems.error(file, bad.line(), bad.column(), "", bad.message());
    }
    for (Tsv.Row row : table.rows()) {
      String question = row.field(0);
      String intent = row.field(1);
      int lineNo = row.line();
      int column = row.column(1);
      String tooLong = Limits.example(question);
      String invalid = intent.startsWith("_") ? null : IntentIds.problem(intent);
      if (question.isEmpty()) {
        problems.error(file, lineNo, 1, "question", "question must not be empty");
      } else if (tooLong != null) {
        problems.error(file, lineNo, 1, "question", "question " + tooLong);
      } else if (intent.isEmpty()) {
        problems.error(file, lineNo, column, "intent", "intent id must not be empty");
      } else if (intent.startsWith("_") && !IntentIds.RESERVED_LABELS.contains(intent)) {
        String near = Typos.closest(intent, IntentIds.RESERVED_LABELS, 2);
        problems.error(
            file,
            lineNo,
            column,
            "intent",
            "unknown label '"
                + Excerpt.of(intent)
                + "': expected an intent id, '"
                + IntentIds.NONE
                + "' or '"
                + IntentIds.CONTEXT
                + "'"
                + (near == null ? "" : " (did you mean '" + near + "'?)"));
      } else if (invalid != null) {
        problems.error(file, lineNo, column, "intent", invalid);
      } else {
        out.add(new Line(question, intent, file, lineNo, column));
      }
    }
  }
}
