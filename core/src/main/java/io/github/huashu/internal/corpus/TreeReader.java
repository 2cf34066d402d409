package io.github.huashu.internal.corpus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Reads a YAML or JSON document into {@link Node}s that remember their locations. Duplicate keys
 * are reported, not silently overwritten. Thread-safe (the factories are).
 */
final class TreeReader {

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final YAMLFactory YAML = YAMLFactory.builder().build();

  private final Problems problems;
  private final String file;

  TreeReader(Problems problems, String file) {
    this.problems = problems;
    this.file = file;
  }

  /** Reads the document; returns null (after reporting) when it is not well-formed. */
  Node read(Reader text, boolean yaml) throws IOException {
    try (JsonParser parser = (yaml ? YAML : JSON).createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return Node.nullValue(1, 1);
      }
      Node root = value(parser);
      if (!yaml && parser.nextToken() != null) {
        JsonLocation at = parser.currentTokenLocation();
        problems.error(
            file, at.getLineNr(), at.getColumnNr(), "", "unexpected content after the document");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      int line = at == null ? 0 : at.getLineNr();
      int column = at == null ? 0 : at.getColumnNr();
      problems.error(
          file,
          line,
          column,
          "",
          "not well-formed " + (yaml ? "YAML" : "JSON") + ": " + oneLine(e.getOriginalMessage()));
      return null;
    }
  }

  /**
   * SnakeYAML's messages quote the offending lines with a caret under them, which a location
   * already gives; keeps the sentences on one line.
   */
  static String oneLine(String message) {
    StringBuilder out = new StringBuilder();
    for (String line : message.split("\n")) {
      if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
        continue;
      }
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(line.strip());
    }
    return out.toString();
  }

  private Node value(JsonParser parser) throws IOException {
    JsonLocation at = parser.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
        {
          LinkedHashMap<String, Node.Entry> entries = new LinkedHashMap<>();
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            JsonLocation keyAt = parser.currentTokenLocation();
            String key = parser.currentName();
            parser.nextToken();
            Node value = value(parser);
            Node.Entry previous = entries.get(key);
            if (previous != null) {
              problems.error(
                  file,
                  keyAt.getLineNr(),
                  keyAt.getColumnNr(),
                  key,
                  "duplicate key '" + key + "' (first at line " + previous.line() + ")");
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
            items.add(value(parser));
          }
          return Node.list(line, column, items);
        }
      case VALUE_NULL:
        return Node.nullValue(line, column);
      case VALUE_STRING:
        return Node.scalar(line, column, parser.getText(), true);
      default:
        return Node.scalar(line, column, parser.getText(), false);
    }
  }
}
