package io.github.huashu.internal.tsv;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one reader of tab-separated text: corpus example files, evaluation cases and the data files
 * bundled in the jar. One rule everywhere: a byte-order mark and carriage returns before line ends
 * are dropped, blank lines and lines starting with {@code #} are skipped, fields are stripped, and
 * a line with another number of tabs than expected is reported with its line and the column where
 * it goes wrong. Stateless.
 */
public final class Tsv {

  private Tsv() {}

  /** A row with its 1-based line and, per field, the 1-based column where the field starts. */
  public record Row(int line, List<String> fields, List<Integer> columns) {
    public Row {
      fields = List.copyOf(fields);
      columns = List.copyOf(columns);
    }

    public String field(int i) {
      return fields.get(i);
    }

    public int column(int i) {
      return columns.get(i);
    }
  }

  /** A line that does not have the expected columns, located. */
  public record Bad(int line, int column, String message) {}

  /** What a text held: its well-formed rows and its bad lines, both in file order. */
  public record Table(List<Row> rows, List<Bad> bad) {
    public Table {
      rows = List.copyOf(rows);
      bad = List.copyOf(bad);
    }
  }

  /**
   * Splits a text into rows of exactly {@code columns} fields.
   *
   * @param layout the expected form, for messages: {@code "question<TAB>intent_id"}
   */
  public static Table parse(String text, int columns, String layout) {
    if (columns < 1) {
      throw new IllegalArgumentException("expected at least one column but was " + columns);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<Row> rows = new ArrayList<>();
    List<Bad> bad = new ArrayList<>();
    int start = 0;
    int number = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      number++;
      String line = text.substring(start, end);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      start = end + 1;
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      List<String> fields = new ArrayList<>(columns);
      List<Integer> at = new ArrayList<>(columns);
      int from = 0;
      String problem = null;
      int problemColumn = 0;
      for (int c = 0; c < columns; c++) {
        int tab = c == columns - 1 ? -1 : line.indexOf('\t', from);
        if (c < columns - 1 && tab < 0) {
          problem =
              "expected '"
                  + layout
                  + "' but found "
                  + (c == 0 ? "no tab" : c == 1 ? "only 1 tab" : "only " + c + " tabs");
          problemColumn = 1;
          break;
        }
        int to = c == columns - 1 ? line.length() : tab;
        if (c == columns - 1) {
          int extra = line.indexOf('\t', from);
          if (extra >= 0) {
            problem =
                "expected '"
                    + layout
                    + "' but found "
                    + (columns == 1 ? "a tab" : "a " + ordinal(columns) + " tab");
            problemColumn = extra + 1;
            break;
          }
        }
        fields.add(line.substring(from, to).strip());
        at.add(from + 1);
        from = to + 1;
      }
      if (problem != null) {
        bad.add(new Bad(number, problemColumn, problem));
      } else {
        rows.add(new Row(number, fields, at));
      }
      if (end == text.length()) {
        break;
      }
    }
    return new Table(rows, bad);
  }

  private static String ordinal(int n) {
    return switch (n) {
      case 2 -> "second";
      case 3 -> "third";
      default -> n + "th";
    };
  }

  /**
   * The rows of a data file shipped in the jar, next to {@code anchor}.
   *
   * @throws IllegalStateException if the resource is missing or a line is malformed (a packaging
   *     error), naming the line
   */
  public static List<Row> resource(Class<?> anchor, String resource, int columns, String layout) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the jar");
      }
      Table table = parse(new String(in.readAllBytes(), UTF_8), columns, layout);
      if (!table.bad().isEmpty()) {
        Bad first = table.bad().get(0);
        throw new IllegalStateException(resource + ":" + first.line() + ": " + first.message());
      }
      return table.rows();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
