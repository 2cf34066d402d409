package io.github.huashu.internal.corpus;

import io.github.huashu.analyzers.ChineseNormalizer;
import io.github.huashu.internal.compose.Style;
import io.github.huashu.internal.normalize.MessageMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a YAML or JSON scenario file's sections: {@code defaults}, {@code synonyms}, {@code style},
 * {@code metadata}, and each intent's id (the intent itself is read once every file is, by {@link
 * CorpusAssembly}, which checks what refers across files). Stateless.
 */
final class ScenarioFile {

  private ScenarioFile() {}

  static final Set<String> TOP_KEYS =
      Set.of("defaults", "intents", "synonyms", "style", "metadata");
  static final Set<String> METADATA_KEYS = Set.of("pattern", "fact");
  static final Set<String> DEFAULT_KEYS =
      Set.of("category", "scene", "department", "collaborators", "tags", "checks");
  static final Set<String> STYLE_KEYS =
      Set.of(
          "empathy",
          "apology",
          "buffer",
          "follow_up",
          "negative_phrases",
          "jargon",
          "vague_time",
          "empathy_markers");
  static final Set<String> INTENT_KEYS =
      Set.of(
          "id",
          "name",
          "category",
          "scene",
          "department",
          "collaborators",
          "tags",
          "terms",
          "diagnosis",
          "solution",
          "risk_tip",
          "reply",
          "follow_up",
          "options",
          "must_mention",
          "related",
          "examples",
          "verify_identity",
          "ticket",
          "escalate",
          "checks");
  static final Set<String> REPLY_KEYS = Set.of("buffer", "explain", "solution");

  /** A style section with where it stands. */
  record StyleAt(Style style, String file, int line, int column) {}

  static void read(
      Node root,
      String file,
      List<Draft> drafts,
      List<List<String>> synonyms,
      List<StyleAt> styles,
      List<MessageMetadata.Rule> metadata,
      Problems problems) {
    if (root.kind == Node.Kind.NULL) {
      problems.error(file, 0, 0, "", "file is empty");
      return;
    }
    if (root.kind != Node.Kind.MAP) {
      problems.error(
          file,
          root.line,
          root.column,
          "",
          "expected a mapping with 'intents' but found " + root.describe());
      return;
    }
    Fields top = new Fields(root, "", file, problems);
    top.checkKeys(TOP_KEYS, "");
    Defaults defaults = Defaults.NONE;
    Node defaultsNode = top.node("defaults");
    if (defaultsNode != null) {
      Fields d = new Fields(defaultsNode, "defaults", file, problems);
      if (d.isMap()) {
        d.checkKeys(DEFAULT_KEYS, "defaults: ");
        defaults =
            new Defaults(
                d.string("category", ""),
                d.string("scene", ""),
                d.string("department", ""),
                d.strings("collaborators"),
                d.strings("tags"),
                d.strings("checks"));
      }
    }
    Node synonymNode = top.node("synonyms");
    if (synonymNode != null) {
      readSynonyms(synonymNode, file, synonyms, problems);
    }
    Node styleNode = top.node("style");
    if (styleNode != null) {
      Style style = readStyle(styleNode, file, problems);
      if (style != null) {
        styles.add(new StyleAt(style, file, styleNode.line, styleNode.column));
      }
    }
    Node metadataNode = top.node("metadata");
    if (metadataNode != null) {
      readMetadata(metadataNode, file, metadata, problems);
    }
    Node intents = top.node("intents");
    if (intents == null && (styleNode != null || metadataNode != null)) {
      return;
    }
    if (intents == null) {
      problems.error(file, root.line, root.column, "intents", "missing field 'intents'");
      return;
    }
    if (intents.kind != Node.Kind.LIST) {
      problems.error(
          file,
          intents.line,
          intents.column,
          "intents",
          "expected 'intents' to be a list but found " + intents.describe());
      return;
    }
    for (int i = 0; i < intents.items.size(); i++) {
      Node node = intents.items.get(i);
      String path = "intents[" + i + "]";
      if (node.kind != Node.Kind.MAP) {
        problems.error(
            file,
            node.line,
            node.column,
            path,
            path + ": expected an intent (a mapping) but found " + node.describe());
        continue;
      }
      Fields f = new Fields(node, path, file, problems);
      String id = f.string("id", null);
      if (id == null) {
        problems.error(file, node.line, node.column, path + ".id", path + ": missing field 'id'");
        continue;
      }
      Node idNode = f.node("id");
      String invalid = IntentIds.problem(id);
      if (invalid != null) {
        problems.error(file, idNode.line, idNode.column, path + ".id", invalid);
        continue;
      }
      drafts.add(new Draft(id, file, node.line, node.column, node, defaults));
    }
  }

  /**
   * A {@code metadata} section: patterns of the platform's own metadata to take out of messages
   * before matching, each with the fact its value is kept as.
   */
  private static void readMetadata(
      Node node, String file, List<MessageMetadata.Rule> out, Problems problems) {
    if (!isList(node, "metadata", "a list of {pattern, fact}", file, problems)) {
      return;
    }
    for (int i = 0; i < node.items.size(); i++) {
      Node item = node.items.get(i);
      String path = "metadata[" + i + "]";
      Fields f = new Fields(item, path, file, problems);
      if (!f.isMap()) {
        continue;
      }
      f.checkKeys(METADATA_KEYS, path + ": ");
      String regex = f.string("pattern", null);
      String fact = f.string("fact", "");
      if (regex == null) {
        if (f.node("pattern") == null) {
          problems.error(
              file, item.line, item.column, path + ".pattern", path + ": missing field 'pattern'");
        }
        continue;
      }
      Node at = f.node("pattern");
      try {
        out.add(new MessageMetadata.Rule(Pattern.compile(regex), fact));
      } catch (PatternSyntaxException e) {
        problems.error(
            file,
            at.line,
            at.column,
            path + ".pattern",
            path
                + ": pattern '"
                + Excerpt.of(regex)
                + "' is not a regular expression: "
                + e.getDescription()
                + " at index "
                + e.getIndex());
      }
    }
  }

  /** Whether a top-level section is a list; reports it if not. */
  private static boolean isList(
      Node node, String section, String expected, String file, Problems problems) {
    if (node.kind == Node.Kind.LIST) {
      return true;
    }
    problems.error(
        file,
        node.line,
        node.column,
        section,
        "expected '" + section + "' to be " + expected + " but found " + node.describe());
    return false;
  }

  private static Style readStyle(Node node, String file, Problems problems) {
    Fields f = new Fields(node, "style", file, problems);
    if (!f.isMap()) {
      return null;
    }
    f.checkKeys(STYLE_KEYS, "style: ");
    Style d = Style.DEFAULT;
    return new Style(
        f.node("empathy") == null ? d.empathy() : f.strings("empathy"),
        f.node("apology") == null ? d.apology() : f.strings("apology"),
        f.node("buffer") == null ? d.buffer() : f.strings("buffer"),
        f.node("follow_up") == null ? d.followUp() : f.strings("follow_up"),
        f.node("negative_phrases") == null ? d.negativePhrases() : f.table("negative_phrases"),
        f.node("jargon") == null ? d.jargon() : f.table("jargon"),
        f.node("vague_time") == null ? d.vagueTime() : f.strings("vague_time"),
        f.node("empathy_markers") == null ? d.empathyMarkers() : f.strings("empathy_markers"));
  }

  private static void readSynonyms(
      Node node, String file, List<List<String>> out, Problems problems) {
    if (!isList(node, "synonyms", "a list of word lists", file, problems)) {
      return;
    }
    for (int i = 0; i < node.items.size(); i++) {
      Node group = node.items.get(i);
      String path = "synonyms[" + i + "]";
      if (group.kind != Node.Kind.LIST) {
        problems.error(
            file,
            group.line,
            group.column,
            path,
            "expected a synonym group (a list of words) but found " + group.describe());
        continue;
      }
      List<String> words = new ArrayList<>();
      boolean wrong = false;
      for (Node word : group.items) {
        if (word.kind != Node.Kind.SCALAR || word.text.isBlank()) {
          problems.error(
              file, word.line, word.column, path, "expected a word but found " + word.describe());
          wrong = true;
          continue;
        }
        String text = word.text.strip();
        String problem = Limits.word(text);
        if (problem != null) {
          problems.error(
              file,
              word.line,
              word.column,
              path,
              path + ": word '" + Excerpt.of(text) + "' " + problem);
          wrong = true;
        } else {
          words.add(text);
        }
      }
      // Words are matched folded (width, Traditional characters, case, without emoji): 退貨 and
      // 退货 are one word.
      Map<String, String> matched = new LinkedHashMap<>();
      String same = "";
      for (String word : words) {
        String first = matched.putIfAbsent(ChineseNormalizer.normalize(word), word);
        if (first != null && !first.equals(word) && same.isEmpty()) {
          same =
              " ('"
                  + Excerpt.of(first)
                  + "' and '"
                  + Excerpt.of(word)
                  + "' are one word when matched)";
        }
      }
      if (matched.size() < 2) {
        if (!wrong) {
          problems.error(
              file,
              group.line,
              group.column,
              path,
              "a synonym group needs at least 2 different words" + same);
        }
      } else {
        out.add(List.copyOf(words));
      }
    }
  }
}
