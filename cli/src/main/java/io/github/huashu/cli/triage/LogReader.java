package io.github.huashu.cli.triage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.huashu.Suggester;
import io.github.huashu.cli.InputLines;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a chat log: the messages with their line numbers, and every line that holds none, reported.
 *
 * <p>Rules, the same for every format: lines are strict UTF-8 (a line that is not is reported and
 * skipped); blank lines are skipped and counted; a line whose first non-blank character is {@code
 * #} is a comment (the comments before the first message are kept, for attribution); a message is
 * stripped of surrounding white space, and one that is empty or longer than {@value
 * Suggester#DEFAULT_MAX_QUESTION_LENGTH} characters is reported and skipped.
 *
 * <p>The format, unless given, is detected from the first {@value #SAMPLE} lines that are neither
 * blank nor comments: JSON lines if at least half of them start with <code>{</code>, else TSV if at
 * least half hold a tab, else plain (one message per line).
 *
 * <p>TSV: the message column is the one given ({@code --column}, a header name or a number from 1);
 * else the column whose header is one of {@value #HEADER_NAMES_TEXT} (the header is the first line,
 * or a last leading comment line with tabs, {@code # id<TAB>message}; only its first word per
 * column counts); else the column whose sampled values are longest on average. A row with too few
 * columns is reported and skipped.
 *
 * <p>JSON lines: the message is the string in field {@code text} (or the one given); a line that is
 * not a JSON object, lacks the field or holds no string in it is reported and skipped.
 */
public final class LogReader {

  static final int SAMPLE = 20;

  static final List<String> HEADER_NAMES =
      List.of("message", "text", "question", "content", "msg", "内容", "消息", "问题");

  static final String HEADER_NAMES_TEXT = "message, text, question, content, msg, 内容, 消息, 问题";

  private static final ObjectMapper JSON = new ObjectMapper();

  private LogReader() {}

  /** A message and the line it was on, counted from 1. */
  public record Line(int line, String text) {}

  /**
   * What a log held.
   *
   * @param format the format read (given or detected)
   * @param detected whether the format was detected rather than given
   * @param where where the message was: "column 2 (message)", "field 'text'", "the whole line"
   * @param messages the messages in order
   * @param comments the comment lines before the first message, without their {@code #}
   * @param lines lines read
   * @param commentLines comment lines, the leading ones included
   * @param blankLines blank lines skipped
   * @param malformed lines reported and skipped (not UTF-8, not JSON, no message, too long)
   */
  public record Log(
      LogFormat format,
      boolean detected,
      String where,
      List<Line> messages,
      List<String> comments,
      int lines,
      int commentLines,
      int blankLines,
      int malformed) {
    public Log {
      messages = List.copyOf(messages);
      comments = List.copyOf(comments);
    }
  }

  /** How to read a log; nulls mean "detect" or the default. */
  public record Options(LogFormat format, String column, String field) {
    public static final Options DETECT = new Options(null, null, null);
  }

  /** Bad usage that makes the whole log unreadable as asked: a column that is not there. */
  public static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Reads a log file; every line skipped is reported to {@code err} as {@code "error: line N of
   * FILE: ..."}.
   *
   * @throws UsageException if the message column asked for is not in the log
   */
  public static Log read(Path file, Options options, PrintWriter err)
      throws IOException, UsageException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), options, err);
    }
  }

  /** Reads a log from a stream named {@code source} in messages. */
  public static Log read(InputStream in, String source, Options options, PrintWriter err)
      throws IOException, UsageException {
    InputLines input = new InputLines(in, source);
    List<Line> raw = new ArrayList<>();
    String text;
    boolean first = true;
    while ((text = input.next(err)) != null) {
      if (first && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      first = false;
      raw.add(new Line(input.line(), text));
    }
    return new Parser(source, options, err, input.line(), input.rejected()).parse(raw);
  }

  private static final class Parser {
    private final String source;
    private final Options options;
    private final PrintWriter err;
    private final int lines;
    private int malformed;
    private int blank;
    private int commentLines;

    Parser(String source, Options options, PrintWriter err, int lines, int rejected) {
      this.source = source;
      this.options = options;
      this.err = err;
      this.lines = lines;
      this.malformed = rejected;
    }

    Log parse(List<Line> raw) throws UsageException {
      List<String> comments = new ArrayList<>();
      List<Line> content = new ArrayList<>(raw.size());
      for (Line line : raw) {
        String stripped = line.text().strip();
        if (stripped.isEmpty()) {
          blank++;
        } else if (stripped.startsWith("#")) {
          commentLines++;
          if (content.isEmpty()) {
            comments.add(stripped.substring(1).strip());
          }
        } else {
          content.add(line);
        }
      }
      List<Line> sample = content.subList(0, Math.min(SAMPLE, content.size()));
      LogFormat format = options.format() != null ? options.format() : detect(sample);
      boolean detected = options.format() == null;
      List<Line> messages = new ArrayList<>(content.size());
      String where;
      switch (format) {
        case PLAIN -> {
          where = "the whole line";
          for (Line line : content) {
            accept(line.line(), line.text(), messages);
          }
        }
        case JSONL -> {
          String field = options.field() == null ? "text" : options.field();
          where = "field '" + field + "'";
          for (Line line : content) {
            String message = jsonField(line, field);
            if (message != null) {
              accept(line.line(), message, messages);
            }
          }
        }
        case TSV -> {
          String header = comments.isEmpty() ? null : lastWithTab(raw);
          int column;
          boolean headerIsFirstRow = false;
          List<String> names = header == null ? null : headerNames(header);
          if (!content.isEmpty() && options.column() == null && knownColumn(names) < 0) {
            List<String> firstRow = headerNames(content.get(0).text());
            if (knownColumn(firstRow) >= 0) {
              names = firstRow;
              headerIsFirstRow = true;
            }
          } else if (!content.isEmpty()
              && options.column() != null
              && !isNumber(options.column())
              && (names == null || !names.contains(options.column().toLowerCase(Locale.ROOT)))) {
            // A column asked for by name and not in a commented header: the first row is the
            // header.
            names = headerNames(content.get(0).text());
            headerIsFirstRow = true;
          }
          List<Line> rows = headerIsFirstRow ? content.subList(1, content.size()) : content;
          column = column(names, rows.subList(0, Math.min(SAMPLE, rows.size())));
          where =
              "column "
                  + (column + 1)
                  + (names != null && column < names.size() ? " (" + names.get(column) + ")" : "");
          for (Line line : rows) {
            String[] fields = line.text().split("\t", -1);
            if (fields.length <= column) {
              report(
                  line.line(),
                  "expected at least "
                      + (column + 1)
                      + " tab-separated columns but found "
                      + fields.length);
            } else {
              accept(line.line(), fields[column], messages);
            }
          }
        }
        default -> throw new IllegalStateException("unknown format " + format);
      }
      return new Log(
          format, detected, where, messages, comments, lines, commentLines, blank, malformed);
    }

    private static LogFormat detect(List<Line> sample) {
      if (sample.isEmpty()) {
        return LogFormat.PLAIN;
      }
      int json = 0;
      int tabs = 0;
      for (Line line : sample) {
        if (line.text().strip().startsWith("{")) {
          json++;
        }
        if (line.text().indexOf('\t') >= 0) {
          tabs++;
        }
      }
      if (2 * json >= sample.size()) {
        return LogFormat.JSONL;
      }
      return 2 * tabs >= sample.size() ? LogFormat.TSV : LogFormat.PLAIN;
    }

    private static String lastWithTab(List<Line> raw) {
      String header = null;
      for (Line line : raw) {
        String stripped = line.text().strip();
        if (stripped.isEmpty()) {
          continue;
        }
        if (!stripped.startsWith("#")) {
          break;
        }
        if (stripped.indexOf('\t') >= 0) {
          header = stripped.substring(1);
        }
      }
      return header;
    }

    /** The first word of each tab-separated field, lower-cased. */
    private static List<String> headerNames(String line) {
      List<String> names = new ArrayList<>();
      for (String field : line.split("\t", -1)) {
        String[] words = field.strip().split("\\s+", 2);
        names.add(words.length == 0 ? "" : words[0].toLowerCase(Locale.ROOT));
      }
      return names;
    }

    private static int knownColumn(List<String> names) {
      if (names == null) {
        return -1;
      }
      for (int i = 0; i < names.size(); i++) {
        if (HEADER_NAMES.contains(names.get(i))) {
          return i;
        }
      }
      return -1;
    }

    private int column(List<String> names, List<Line> sample) throws UsageException {
      String asked = options.column();
      if (asked != null) {
        if (isNumber(asked)) {
          int n = Integer.parseInt(asked);
          if (n < 1) {
            throw new UsageException("expected --column >= 1 but was " + asked);
          }
          return n - 1;
        }
        int at = names == null ? -1 : names.indexOf(asked.toLowerCase(Locale.ROOT));
        if (at < 0) {
          throw new UsageException(
              "expected a column named '"
                  + asked
                  + "' in the header of "
                  + source
                  + " but "
                  + (names == null ? "it has no header" : "found " + String.join(", ", names)));
        }
        return at;
      }
      int known = knownColumn(names);
      if (known >= 0) {
        return known;
      }
      int columns = 0;
      for (Line line : sample) {
        columns = Math.max(columns, line.text().split("\t", -1).length);
      }
      long[] lengths = new long[columns];
      for (Line line : sample) {
        String[] fields = line.text().split("\t", -1);
        for (int i = 0; i < fields.length; i++) {
          lengths[i] += fields[i].strip().codePointCount(0, fields[i].strip().length());
        }
      }
      int best = 0;
      for (int i = 1; i < columns; i++) {
        if (lengths[i] > lengths[best]) {
          best = i;
        }
      }
      return best;
    }

    private String jsonField(Line line, String field) {
      JsonNode node;
      try {
        node = JSON.readTree(line.text());
      } catch (JsonProcessingException e) {
        report(line.line(), "not JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        return null;
      }
      if (node == null || !node.isObject()) {
        report(line.line(), "expected a JSON object but found " + kind(node));
        return null;
      }
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        report(line.line(), "expected a field '" + field + "' but there was none");
        return null;
      }
      if (!value.isTextual()) {
        report(
            line.line(), "expected field '" + field + "' to be a string but found " + kind(value));
        return null;
      }
      return value.textValue();
    }

    private static String kind(JsonNode node) {
      if (node == null || node.isMissingNode()) {
        return "nothing";
      }
      return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private void accept(int line, String text, List<Line> messages) {
      String message = text.strip();
      int length = message.codePointCount(0, message.length());
      if (message.isEmpty()) {
        report(line, "the message is empty");
      } else if (length > Suggester.DEFAULT_MAX_QUESTION_LENGTH) {
        report(
            line,
            "expected a message of at most "
                + Suggester.DEFAULT_MAX_QUESTION_LENGTH
                + " characters but it had "
                + length);
      } else {
        messages.add(new Line(line, message));
      }
    }

    private void report(int line, String message) {
      malformed++;
      err.println(
          "error: line " + line + " of " + source + ": " + message + "; the line was skipped");
    }

    private static boolean isNumber(String text) {
      return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }
  }
}
