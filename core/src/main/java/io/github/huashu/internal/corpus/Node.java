package io.github.huashu.internal.corpus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML or JSON value together with where it stands in its file, so that every problem found while
 * reading a corpus can name file, line and column. Immutable.
 */
final class Node {

  enum Kind {
    MAP,
    LIST,
    SCALAR,
    NULL
  }

  /** A key of a map with its own location and its value. */
  record Entry(String key, int line, int column, Node value) {}

  final Kind kind;
  final int line;
  final int column;

  /** For scalars: the text as written; for other kinds null. */
  final String text;

  /** For scalars: whether the value was written as a string rather than a number or boolean. */
  final boolean string;

  final Map<String, Entry> entries;
  final List<Node> items;

  private Node(
      Kind kind,
      int line,
      int column,
      String text,
      boolean string,
      Map<String, Entry> entries,
      List<Node> items) {
    this.kind = kind;
    this.line = line;
    this.column = column;
    this.text = text;
    this.string = string;
    this.entries = entries;
    this.items = items;
  }

  static Node map(int line, int column, LinkedHashMap<String, Entry> entries) {
    return new Node(Kind.MAP, line, column, null, false, entries, List.of());
  }

  static Node list(int line, int column, List<Node> items) {
    return new Node(Kind.LIST, line, column, null, false, Map.of(), List.copyOf(items));
  }

  static Node scalar(int line, int column, String text, boolean string) {
    return new Node(Kind.SCALAR, line, column, text, string, Map.of(), List.of());
  }

  static Node nullValue(int line, int column) {
    return new Node(Kind.NULL, line, column, null, false, Map.of(), List.of());
  }

  String describe() {
    switch (kind) {
      case MAP:
        return "a mapping";
      case LIST:
        return "a list";
      case NULL:
        return "nothing";
      default:
        return string ? "the text '" + Excerpt.of(text) + "'" : "'" + Excerpt.of(text) + "'";
    }
  }
}
