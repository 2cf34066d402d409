package io.github.huashu.internal.corpus;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;

/**
 * Reads a YAML or JSON document into {@link Node}s that remember their locations. Reports, located,
 * what would otherwise be read as something else than it says: duplicate keys (not silently
 * overwritten), YAML anchors and aliases (Jackson reads {@code *n} as the text "n"), a second YAML
 * document after {@code ---} (Jackson would skip it), nesting deeper than {@link #MAX_DEPTH} and
 * numbers longer than {@link #MAX_NUMBER_LENGTH}. Thread-safe (the factories are).
 */
final class TreeReader {

  /**
   * Levels of nesting a file may have. A corpus file needs four (the file's mapping, {@code
   * intents}, an intent, its {@code reply}); far deeper is a mistake or an attack on the reader.
   */
  static final int MAX_DEPTH = 10;

  /**
   * Characters of a number, at most (JSON reads a number as one token). Nothing in a corpus is a
   * number this long; digits that are text, such as an order number in an example, go in quotes.
   */
  static final int MAX_NUMBER_LENGTH = 100;

  /** Characters of a parser's own message kept in a problem (it may quote the file). */
  private static final int MAX_MESSAGE_LENGTH = 200;

  private static final StreamReadConstraints CONSTRAINTS =
      StreamReadConstraints.builder()
          .maxNumberLength(MAX_NUMBER_LENGTH)
          // This reader's own depth check comes first, with a location.
          .maxNestingDepth(MAX_DEPTH + 1)
          .build();

  /** Parsers quote at most an excerpt of the offending text in their messages. */
  private static final ErrorReportConfiguration ERRORS =
      ErrorReportConfiguration.builder()
          .maxErrorTokenLength(Excerpt.MAX_LENGTH)
          .maxRawContentLength(0)
          .build();

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(CONSTRAINTS)
          .errorReportConfiguration(ERRORS)
          .build();
  private static final YAMLFactory YAML = new StrictYamlFactory();

  private final Problems problems;
  private final String file;

  TreeReader(Problems problems, String file) {
    this.problems = problems;
    this.file = file;
  }

  /** Reads the document; returns null (after reporting) when it is not well-formed. */
  Node read(Reader text, boolean yaml) throws IOException {
    String format = yaml ? "YAML" : "JSON";
    JsonParser parser = (yaml ? YAML : JSON).createParser(text);
    try (parser) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return Node.nullValue(1, 1);
      }
      Node root = value(parser, 1);
      if (parser.nextToken() != null) {
        Mark second = yaml ? ((StrictYamlParser) parser).secondDocument : null;
        JsonLocation at = parser.currentTokenLocation();
        if (second != null) {
          problems.error(
              file,
              second.getLine() + 1,
              second.getColumn() + 1,
              "",
              "a second YAML document (after '---') is not supported: one document per file");
        } else {
          problems.error(
              file, at.getLineNr(), at.getColumnNr(), "", "unexpected content after the document");
        }
      }
      // A file with anchors or aliases is not read on: what it says is not what would be read.
      return parser instanceof StrictYamlParser strict && !strict.unsupported.isEmpty()
          ? null
          : root;
    } catch (TooDeep e) {
      problems.error(
          file,
          e.line,
          e.column,
          "",
          "nested deeper than " + MAX_DEPTH + " levels (a corpus file needs 4)");
      return null;
    } catch (StreamConstraintsException e) {
      // The line where the parser stopped; its column would be past the number, not at it.
      JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
      problems.error(file, Math.max(0, at.getLineNr()), 0, "", limitMessage(e));
      return null;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
      problems.error(
          file,
          Math.max(0, at.getLineNr()),
          Math.max(0, at.getColumnNr()),
          "",
          "not well-formed " + format + ": " + oneLine(e.getOriginalMessage()));
      return null;
    } catch (RuntimeException e) {
      // A parser's own bug on strange input must not escape as anything but a located problem.
      JsonLocation at = parser.currentLocation();
      problems.error(
          file,
          Math.max(0, at.getLineNr()),
          Math.max(0, at.getColumnNr()),
          "",
          "not well-formed " + format + ": the parser failed (" + e.getClass().getName() + ")");
      return null;
    } finally {
      if (parser instanceof StrictYamlParser strict) {
        for (StrictYamlParser.Note note : strict.unsupported) {
          problems.error(file, note.line(), note.column(), "", note.message());
        }
      }
    }
  }

  private static final Pattern FROM_CONSTRAINTS = Pattern.compile(", from `[^`]*`");

  private static String limitMessage(StreamConstraintsException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (message.startsWith("Number value length")) {
      return "expected a number of at most "
          + MAX_NUMBER_LENGTH
          + " characters: write long digits as text, in quotes";
    }
    return oneLine(FROM_CONSTRAINTS.matcher(message).replaceAll(""));
  }

  /**
   * SnakeYAML's messages quote the offending lines with a caret under them, which a location
   * already gives; keeps the sentences on one line, and no longer than a short excerpt allows.
   */
  static String oneLine(String message) {
    StringBuilder out = new StringBuilder();
    for (String line : (message == null ? "" : message).split("\n")) {
      if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
        continue;
      }
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(line.strip());
    }
    String visible = Excerpt.visible(out.toString());
    if (visible.length() <= MAX_MESSAGE_LENGTH) {
      return visible;
    }
    int end = MAX_MESSAGE_LENGTH;
    if (Character.isHighSurrogate(visible.charAt(end - 1))) {
      end--;
    }
    return visible.substring(0, end) + "…";
  }

  /** Nesting deeper than {@link #MAX_DEPTH}, where it went too deep. */
  private static final class TooDeep extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int line;
    final int column;

    TooDeep(int line, int column) {
      super(null, null, false, false);
      this.line = line;
      this.column = column;
    }
  }

  private Node value(JsonParser parser, int depth) throws IOException {
    JsonLocation at = parser.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    JsonToken token = parser.currentToken();
    if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth > MAX_DEPTH) {
      throw new TooDeep(line, column);
    }
    switch (token) {
      case START_OBJECT:
        {
          LinkedHashMap<String, Node.Entry> entries = new LinkedHashMap<>();
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            JsonLocation keyAt = parser.currentTokenLocation();
            String key = parser.currentName();
            parser.nextToken();
            Node value = value(parser, depth + 1);
            Node.Entry previous = entries.get(key);
            if (previous != null) {
              problems.error(
                  file,
                  keyAt.getLineNr(),
                  keyAt.getColumnNr(),
                  key,
                  "duplicate key '"
                      + Excerpt.of(key)
                      + "' (first at line "
                      + previous.line()
                      + ")");
            } else {
              entries.put(key, new Node.Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), value));
            }
          }
          return Node.map(line, column, entries);
        }
      case START_ARRAY:
        {
          List<Node> items = new ArrayList<>();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(value(parser, depth + 1));
          }
          return Node.list(line, column, items);
        }
      case VALUE_NULL:
        return Node.nullValue(line, column);
      case VALUE_STRING:
        return Node.scalar(line, column, text(parser), true);
      default:
        return Node.scalar(line, column, text(parser), false);
    }
  }

  private static String text(JsonParser parser) throws IOException {
    String text = parser.getText();
    return text == null ? "" : text;
  }

  /** Jackson's YAML factory, making {@link StrictYamlParser}s. */
  private static final class StrictYamlFactory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    StrictYamlFactory() {
      super(
          (YAMLFactoryBuilder)
              YAMLFactory.builder()
                  .loaderOptions(new LoaderOptions())
                  .streamReadConstraints(CONSTRAINTS)
                  .errorReportConfiguration(ERRORS));
    }

    @Override
    protected YAMLParser _createParser(Reader reader, IOContext context) {
      return new StrictYamlParser(
          context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, reader);
    }
  }

  /**
   * Jackson's YAML parser, noting what it passes over: anchors and aliases (it reads an alias as
   * its anchor's name) and the start of a second document (it would read on into it).
   */
  private static final class StrictYamlParser extends YAMLParser {

    /** What is not supported, where it stands (1-based). */
    record Note(int line, int column, String message) {}

    final List<Note> unsupported = new ArrayList<>();
    Mark secondDocument;
    private int documents;

    StrictYamlParser(
        IOContext context,
        int parserFeatures,
        int yamlFeatures,
        LoaderOptions options,
        ObjectCodec codec,
        Reader reader) {
      super(context, parserFeatures, yamlFeatures, options, codec, reader);
    }

    @Override
    protected Event getEvent() throws IOException {
      Event event = super.getEvent();
      if (event instanceof AliasEvent alias) {
        String name = Excerpt.of(String.valueOf(alias.getAnchor()));
        note(
            event.getStartMark(),
            "YAML alias '*"
                + name
                + "' is not supported (it would be read as the text '"
                + name
                + "'): write the value out");
      } else if (event instanceof NodeEvent node && node.getAnchor() != null) {
        note(
            event.getStartMark(),
            "YAML anchor '&"
                + Excerpt.of(node.getAnchor())
                + "' is not supported: write the value out where it is needed");
      } else if (event instanceof DocumentStartEvent && ++documents == 2) {
        secondDocument = event.getStartMark();
      }
      return event;
    }

    private void note(Mark at, String message) {
      unsupported.add(
          new Note(
              at == null ? 0 : at.getLine() + 1, at == null ? 0 : at.getColumn() + 1, message));
    }
  }
}
