package io.github.huashu.internal.corpus;

import io.github.huashu.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Typed access to the fields of a mapping node, reporting type errors where they stand. */
final class Fields {
  private final Node node;
  private final String path;
  private final String file;
  private final Problems problems;

  Fields(Node node, String path, String file, Problems problems) {
    this.node = node;
    this.path = path;
    this.file = file;
    this.problems = problems;
  }

  boolean isMap() {
    if (node.kind != Node.Kind.MAP) {
      problems.error(
          file,
          node.line,
          node.column,
          path,
          "expected '" + path + "' to be a mapping but found " + node.describe());
      return false;
    }
    return true;
  }

  void checkKeys(Set<String> allowed, String prefix) {
    for (Node.Entry entry : node.entries.values()) {
      if (!allowed.contains(entry.key())) {
        String near = Typos.closest(entry.key(), allowed, 2);
        problems.error(
            file,
            entry.line(),
            entry.column(),
            entry.key(),
            prefix
                + "unknown field '"
                + Excerpt.of(entry.key())
                + "'"
                + (near == null ? "" : " (did you mean '" + near + "'?)"));
      }
    }
  }

  Node node(String key) {
    Node.Entry entry = node.entries.get(key);
    return entry == null ? null : entry.value();
  }

  private String label(String key) {
    String quoted = "'" + Excerpt.of(key) + "'";
    return path.isEmpty() ? quoted : path + ": " + quoted;
  }

  String string(String key, String fallback) {
    Node value = node(key);
    if (value == null || value.kind == Node.Kind.NULL) {
      return fallback;
    }
    if (value.kind != Node.Kind.SCALAR) {
      problems.error(
          file,
          value.line,
          value.column,
          key,
          label(key) + " must be text but was " + value.describe());
      return fallback;
    }
    String text = unfold(value.text.strip());
    if (text.isEmpty()) {
      problems.error(file, value.line, value.column, key, label(key) + " must not be blank");
      return fallback;
    }
    return text;
  }

  List<String> strings(String key) {
    Node value = node(key);
    if (value == null || value.kind == Node.Kind.NULL) {
      return List.of();
    }
    if (value.kind != Node.Kind.LIST) {
      problems.error(
          file,
          value.line,
          value.column,
          key,
          label(key) + " must be a list but was " + value.describe());
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < value.items.size(); i++) {
      Node item = value.items.get(i);
      if (item.kind != Node.Kind.SCALAR || item.text.isBlank()) {
        problems.error(
            file,
            item.line,
            item.column,
            key + "[" + i + "]",
            label(key) + " item " + (i + 1) + " must be non-blank text but was " + item.describe());
        out.add("");
      } else {
        out.add(unfold(item.text.strip()));
      }
    }
    return out;
  }

  /** A mapping of text to text ({@code 不可能: 我帮您看看还有什么办法}), or a list of texts. */
  Map<String, String> table(String key) {
    Node value = node(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null || value.kind == Node.Kind.NULL) {
      return out;
    }
    if (value.kind == Node.Kind.LIST) {
      strings(key).forEach(phrase -> out.put(phrase, ""));
      return out;
    }
    if (value.kind != Node.Kind.MAP) {
      problems.error(
          file,
          value.line,
          value.column,
          key,
          label(key)
              + " must be a mapping (phrase: what to say instead) but was "
              + value.describe());
      return out;
    }
    Fields table = new Fields(value, path + "." + key, file, problems);
    for (Node.Entry entry : value.entries.values()) {
      out.put(entry.key().strip(), table.string(entry.key(), ""));
    }
    return out;
  }

  boolean bool(String key) {
    Node value = node(key);
    if (value == null || value.kind == Node.Kind.NULL) {
      return false;
    }
    if (value.kind == Node.Kind.SCALAR
        && !value.string
        && (value.text.equals("true") || value.text.equals("false"))) {
      return value.text.equals("true");
    }
    problems.error(
        file,
        value.line,
        value.column,
        key,
        label(key) + " must be true or false but was " + value.describe());
    return false;
  }

  Reply reply(String key, Set<String> parts) {
    Node value = node(key);
    if (value == null || value.kind == Node.Kind.NULL) {
      return Reply.NONE;
    }
    if (value.kind == Node.Kind.SCALAR) {
      return new Reply("", "", string(key, ""));
    }
    if (value.kind != Node.Kind.MAP) {
      problems.error(
          file,
          value.line,
          value.column,
          key,
          label(key)
              + " must be text or a mapping with buffer, explain and solution but was "
              + value.describe());
      return Reply.NONE;
    }
    Fields reply = new Fields(value, path.isEmpty() ? key : path + ": " + key, file, problems);
    reply.checkKeys(parts, path + ": reply: ");
    return new Reply(
        reply.string("buffer", ""), reply.string("explain", ""), reply.string("solution", ""));
  }

  /**
   * YAML folds a long text written over several lines with a space at each line break, which is
   * right for English and wrong for Chinese: a space between two Chinese characters, or next to
   * Chinese punctuation, is dropped.
   */
  static String unfold(String text) {
    // Most texts have no space or tab at all; the pattern's look-arounds at every character were
    // a quarter of a 10,000-intent corpus's reading.
    if (text.indexOf(' ') < 0 && text.indexOf('\t') < 0) {
      return text;
    }
    return CJK_SPACE.matcher(text).replaceAll("");
  }

  private static final Pattern CJK_SPACE =
      Pattern.compile(
          "(?<=\\p{IsHan})[ \\t]+(?=\\p{IsHan})"
              + "|(?<=[\\u3000-\\u303F\\uFF00-\\uFFEF])[ \\t]+"
              + "|[ \\t]+(?=[\\u3000-\\u303F\\uFF00-\\uFFEF])");
}
