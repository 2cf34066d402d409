package io.github.huashu.internal.corpus;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.huashu.Bundle;
import io.github.huashu.internal.tsv.Tsv;
import io.github.huashu.CorpusProblem;
import io.github.huashu.EvalCase;
import io.github.huashu.Intent;
import io.github.huashu.internal.normalize.MessageMetadata;
import io.github.huashu.internal.compose.Style;
import io.github.huashu.Reply;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

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
      if (question.isEmpty()) {
        problems.error(file, lineNo, 1, "question", "question must not be empty");
      } else if (intent.isEmpty()) {
        problems.error(file, lineNo, column, "intent", "intent id must not be empty");
      } else if (!IntentIds.ID.matcher(intent).matches()) {
        problems.error(file, lineNo, column, "intent", "invalid intent id '" + intent + "': " + IntentIds.ID_RULE);
      } else if (intent.startsWith("_") && !IntentIds.RESERVED_LABELS.contains(intent)) {
        String near = Typos.closest(intent, IntentIds.RESERVED_LABELS, 2);
        problems.error(file, lineNo, column, "intent",
            "unknown label '" + intent + "': expected an intent id, '" + IntentIds.NONE + "' or '" + IntentIds.CONTEXT + "'"
                + (near == null ? "" : " (did you mean '" + near + "'?)"));
      } else {
        out.add(new Line(question, intent, file, lineNo, column));
      }
    }
  }
}
