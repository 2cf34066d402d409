package io.github.huashu.internal.corpus;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.huashu.Bundle;
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
 * Reads a corpus folder: YAML or JSON scenario files and TSV files of labelled examples. Reports
 * every problem it finds with file, line, column and field; validates across files (duplicate ids,
 * unknown related ids, intents without examples). Stateless and thread-safe.
 */
public final class CorpusReader {

  /** The label of out-of-scope examples in TSV files and evaluation cases. */
  public static final String NONE = EvalCase.NONE;

  /**
   * The label of fragments that cannot be understood without the previous turn ("可收到?"): like
   * out-of-scope examples, they teach the engine what not to answer on its own.
   */
  public static final String CONTEXT = EvalCase.CONTEXT;

  /** The labels a TSV line may carry that are not intents. */
  private static final List<String> RESERVED_LABELS = List.of(NONE, CONTEXT);

  private static final Pattern ID = Pattern.compile("[^\\s\\p{Cntrl}]{1,100}");

  private static final Set<String> TOP_KEYS =
      Set.of("defaults", "intents", "synonyms", "style", "metadata");
  private static final Set<String> METADATA_KEYS = Set.of("pattern", "fact");
  private static final Set<String> DEFAULT_KEYS =
      Set.of("category", "scene", "department", "collaborators", "tags", "checks");
  private static final Set<String> STYLE_KEYS =
      Set.of(
          "empathy", "apology", "buffer", "follow_up", "negative_phrases", "jargon", "vague_time",
          "empathy_markers");
  private static final Set<String> INTENT_KEYS =
      Set.of(
          "id", "name", "category", "scene", "department", "collaborators", "tags", "terms",
          "diagnosis", "solution", "risk_tip", "reply", "follow_up", "options", "must_mention",
          "related", "examples", "verify_identity", "ticket", "escalate", "checks");
  private static final Set<String> REPLY_KEYS = Set.of("buffer", "explain", "solution");

  /** An intent as read, before cross-file checks, with where it was defined. */
  private record Draft(String id, String file, int line, int column, Node node, Defaults defaults) {}

  /** What a file's {@code defaults} give every intent of the file. */
  private record Defaults(
      String category,
      String scene,
      String department,
      List<String> collaborators,
      List<String> tags,
      List<String> checks) {
    static final Defaults NONE = new Defaults("", "", "", List.of(), List.of(), List.of());
  }

  private record TsvExample(String question, String intent, String file, int line, int column) {}

  private CorpusReader() {}

  /** Reads the corpus; the result holds either the corpus or the problems that stop it. */
  public static Result read(Path dir) throws IOException {
    Problems problems = new Problems();
    if (!Files.isDirectory(dir)) {
      problems.error(
          dir.toString(),
          0,
          0,
          "",
          Files.exists(dir)
              ? "expected a corpus folder but found a file"
              : "corpus folder does not exist");
      return new Result(null, problems);
    }
    List<Path> files = corpusFiles(dir);
    if (files.isEmpty()) {
      problems.error(
          dir.toString(), 0, 0, "", "no scenario files (*.yaml, *.yml, *.json, *.tsv) in the folder");
      return new Result(null, problems);
    }

    MessageDigest digest = sha256();
    List<Draft> drafts = new ArrayList<>();
    List<TsvExample> tsv = new ArrayList<>();
    List<List<String>> synonyms = new ArrayList<>();
    List<StyleAt> styles = new ArrayList<>();
    List<MessageMetadata.Rule> metadata = new ArrayList<>();
    for (Path path : files) {
      String name = relativeName(dir, path);
      byte[] bytes = Files.readAllBytes(path);
      digest.update(name.getBytes(UTF_8));
      digest.update((byte) 0);
      digest.update(bytes);
      digest.update((byte) 0);
      String text = decode(bytes, name, problems);
      if (text == null) {
        continue;
      }
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".tsv")) {
        readTsv(text, name, tsv, problems);
      } else {
        Node root = new TreeReader(problems, name).read(new StringReader(text), !lower.endsWith(".json"));
        if (root != null) {
          readScenario(root, name, drafts, synonyms, styles, metadata, problems);
        }
      }
    }
    String version = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    Corpus corpus = assemble(drafts, tsv, synonyms, metadata, version, problems);
    if (styles.size() > 1) {
      StyleAt first = styles.get(0);
      for (StyleAt again : styles.subList(1, styles.size())) {
        problems.error(again.file(), again.line(), again.column(), "style",
            "'style' is already defined at " + first.file() + ":" + first.line() + ":" + first.column()
                + " (a corpus has one style section)");
      }
    }
    if (corpus != null && !styles.isEmpty()) {
      corpus = corpus.withStyle(styles.get(0).style());
    }
    return new Result(problems.hasErrors() ? null : corpus, problems);
  }

  /** The outcome of reading: a corpus when there were no errors, and all problems found. */
  public record Result(Corpus corpus, Problems problems) {

    /** A result with one problem and no corpus. */
    public static Result failed(CorpusProblem problem) {
      Problems problems = new Problems();
      problems.add(problem);
      return new Result(null, problems);
    }
  }

  private static List<Path> corpusFiles(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !isHidden(dir, p))
          .filter(
              p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json") || n.endsWith(".tsv");
              })
          .sorted((a, b) -> relativeName(dir, a).compareTo(relativeName(dir, b)))
          .toList();
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }

  private static boolean isHidden(Path dir, Path file) {
    for (Path part : dir.relativize(file)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static String relativeName(Path dir, Path file) {
    StringBuilder out = new StringBuilder();
    for (Path part : dir.relativize(file)) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(part);
    }
    return out.toString();
  }

  private static String decode(byte[] bytes, String file, Problems problems) {
    CharsetDecoder decoder =
        UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      String text = decoder.decode(in).toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      int line = 1;
      for (int i = 0; i < in.position(); i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      problems.error(file, line, 0, "", "file is not UTF-8 (byte " + in.position() + ")");
      return null;
    }
  }

  // ---------------------------------------------------------------- TSV

  private static void readTsv(String text, String file, List<TsvExample> out, Problems problems) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      int lineNo = i + 1;
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      int tab = line.indexOf('\t');
      if (tab < 0) {
        problems.error(file, lineNo, 1, "", "expected 'question<TAB>intent_id' but found no tab");
        continue;
      }
      int second = line.indexOf('\t', tab + 1);
      if (second >= 0) {
        problems.error(
            file, lineNo, second + 1, "", "expected 'question<TAB>intent_id' but found a second tab");
        continue;
      }
      String question = line.substring(0, tab).strip();
      String intent = line.substring(tab + 1).strip();
      if (question.isEmpty()) {
        problems.error(file, lineNo, 1, "question", "question must not be empty");
      } else if (intent.isEmpty()) {
        problems.error(file, lineNo, tab + 2, "intent", "intent id must not be empty");
      } else if (!ID.matcher(intent).matches()) {
        problems.error(file, lineNo, tab + 2, "intent", "invalid intent id '" + intent + "': " + ID_RULE);
      } else if (intent.startsWith("_") && !RESERVED_LABELS.contains(intent)) {
        String near = Typos.closest(intent, RESERVED_LABELS, 2);
        problems.error(file, lineNo, tab + 2, "intent",
            "unknown label '" + intent + "': expected an intent id, '" + NONE + "' or '" + CONTEXT + "'"
                + (near == null ? "" : " (did you mean '" + near + "'?)"));
      } else {
        out.add(new TsvExample(question, intent, file, lineNo, tab + 2));
      }
    }
  }

  private static final String ID_RULE = "expected up to 100 characters without spaces";

  // ---------------------------------------------------------------- YAML / JSON

  /** A style section with where it stands. */
  private record StyleAt(Style style, String file, int line, int column) {}

  private static void readScenario(
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
      problems.error(file, root.line, root.column, "", "expected a mapping with 'intents' but found " + root.describe());
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
      problems.error(file, intents.line, intents.column, "intents", "expected 'intents' to be a list but found " + intents.describe());
      return;
    }
    for (int i = 0; i < intents.items.size(); i++) {
      Node node = intents.items.get(i);
      String path = "intents[" + i + "]";
      if (node.kind != Node.Kind.MAP) {
        problems.error(file, node.line, node.column, path, path + ": expected an intent (a mapping) but found " + node.describe());
        continue;
      }
      Fields f = new Fields(node, path, file, problems);
      String id = f.string("id", null);
      if (id == null) {
        problems.error(file, node.line, node.column, path + ".id", path + ": missing field 'id'");
        continue;
      }
      Node idNode = f.node("id");
      if (!ID.matcher(id).matches() || id.startsWith("_")) {
        problems.error(file, idNode.line, idNode.column, path + ".id",
            "invalid intent id '" + id + "': " + ID_RULE + ", not starting with '_'");
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
          problems.error(file, item.line, item.column, path + ".pattern", path + ": missing field 'pattern'");
        }
        continue;
      }
      Node at = f.node("pattern");
      try {
        out.add(new MessageMetadata.Rule(Pattern.compile(regex), fact));
      } catch (PatternSyntaxException e) {
        problems.error(file, at.line, at.column, path + ".pattern",
            path + ": pattern '" + regex + "' is not a regular expression: " + e.getDescription()
                + " at index " + e.getIndex());
      }
    }
  }

  /** Whether a top-level section is a list; reports it if not. */
  private static boolean isList(Node node, String section, String expected, String file, Problems problems) {
    if (node.kind == Node.Kind.LIST) {
      return true;
    }
    problems.error(file, node.line, node.column, section,
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

  private static void readSynonyms(Node node, String file, List<List<String>> out, Problems problems) {
    if (!isList(node, "synonyms", "a list of word lists", file, problems)) {
      return;
    }
    for (int i = 0; i < node.items.size(); i++) {
      Node group = node.items.get(i);
      String path = "synonyms[" + i + "]";
      if (group.kind != Node.Kind.LIST) {
        problems.error(file, group.line, group.column, path,
            "expected a synonym group (a list of words) but found " + group.describe());
        continue;
      }
      List<String> words = new ArrayList<>();
      for (Node word : group.items) {
        if (word.kind != Node.Kind.SCALAR || word.text.isBlank()) {
          problems.error(file, word.line, word.column, path, "expected a word but found " + word.describe());
        } else {
          words.add(word.text.strip());
        }
      }
      if (words.stream().distinct().count() < 2) {
        problems.error(file, group.line, group.column, path, "a synonym group needs at least 2 different words");
      } else {
        out.add(List.copyOf(words));
      }
    }
  }

  // ---------------------------------------------------------------- across files

  private static Corpus assemble(
      List<Draft> drafts,
      List<TsvExample> tsv,
      List<List<String>> synonyms,
      List<MessageMetadata.Rule> metadata,
      String version,
      Problems problems) {
    Map<String, Draft> byId = new LinkedHashMap<>();
    for (Draft draft : drafts) {
      Draft first = byId.putIfAbsent(draft.id(), draft);
      if (first != null) {
        problems.error(draft.file(), draft.line(), draft.column(), "id",
            "intent '" + draft.id() + "' is already defined at " + first.file() + ":" + first.line() + ":" + first.column());
      }
    }
    Map<String, List<String>> tsvExamples = new LinkedHashMap<>();
    Map<String, List<Location>> tsvLocations = new LinkedHashMap<>();
    List<String> negatives = new ArrayList<>();
    List<String> fragments = new ArrayList<>();
    for (TsvExample example : tsv) {
      if (example.intent().equals(NONE)) {
        negatives.add(example.question());
        continue;
      }
      if (example.intent().equals(CONTEXT)) {
        fragments.add(example.question());
        continue;
      }
      if (!byId.containsKey(example.intent()) && !byId.isEmpty()) {
        String near = Typos.closest(example.intent(), byId.keySet(), 2);
        if (near != null) {
          problems.error(example.file(), example.line(), example.column(), "intent",
              "unknown intent '" + example.intent() + "' (did you mean '" + near + "'?)");
          continue;
        }
      }
      tsvExamples.computeIfAbsent(example.intent(), k -> new ArrayList<>()).add(example.question());
      tsvLocations
          .computeIfAbsent(example.intent(), k -> new ArrayList<>())
          .add(new Location(example.file(), example.line(), 1));
    }

    List<Intent> intents = new ArrayList<>();
    Map<String, Location> intentAt = new LinkedHashMap<>();
    Map<String, List<Location>> examplesAt = new LinkedHashMap<>();
    for (Draft draft : byId.values()) {
      List<Location> locations = new ArrayList<>();
      Intent intent =
          intent(draft, tsvExamples.getOrDefault(draft.id(), List.of()), byId.keySet(), tsvExamples.keySet(), locations, problems);
      intents.add(intent);
      intentAt.put(draft.id(), new Location(draft.file(), draft.line(), draft.column()));
      locations.addAll(tsvLocations.getOrDefault(draft.id(), List.of()));
      examplesAt.put(draft.id(), locations);
    }
    for (Map.Entry<String, List<String>> entry : tsvExamples.entrySet()) {
      if (!byId.containsKey(entry.getKey())) {
        String id = entry.getKey();
        intents.add(new Intent(id, id, "", "", List.of(), entry.getValue(), Bundle.EMPTY));
        List<Location> locations = tsvLocations.get(id);
        intentAt.put(id, locations.get(0));
        examplesAt.put(id, locations);
      }
    }
    if (intents.isEmpty() && !problems.hasErrors()) {
      problems.error("", 0, 0, "", "the corpus defines no intents");
    }
    // Fragments join the negatives: on their own they are not to be answered either (a class of
    // their own measured no better).
    negatives.addAll(fragments);
    return new Corpus(
        intents, negatives, synonyms, metadata, version, intentAt, examplesAt, Style.DEFAULT);
  }

  private static Intent intent(
      Draft draft,
      List<String> extraExamples,
      Set<String> yamlIds,
      Set<String> tsvIds,
      List<Location> exampleLocations,
      Problems problems) {
    Node node = draft.node();
    String path = "intent '" + draft.id() + "'";
    Fields f = new Fields(node, path, draft.file(), problems);
    f.checkKeys(INTENT_KEYS, path + ": ");
    Defaults d = draft.defaults();
    String name = f.string("name", null);
    if (name == null) {
      problems.error(draft.file(), node.line, node.column, "name", path + ": missing field 'name'");
      name = draft.id();
    }
    List<String> examples = new ArrayList<>(f.strings("examples"));
    Node examplesNode = f.node("examples");
    if (examplesNode != null && examplesNode.kind == Node.Kind.LIST) {
      for (Node item : examplesNode.items) {
        exampleLocations.add(new Location(draft.file(), item.line, item.column));
      }
    }
    if (examplesNode != null && examplesNode.kind == Node.Kind.LIST && examplesNode.items.isEmpty()) {
      problems.error(draft.file(), examplesNode.line, examplesNode.column, "examples", path + ": examples must not be empty");
    }
    examples.addAll(extraExamples);
    if (examples.isEmpty() && (examplesNode == null || examplesNode.kind != Node.Kind.LIST)) {
      problems.error(draft.file(), node.line, node.column, "examples",
          path + ": has no examples (add 'examples' or lines in a .tsv file)");
    }
    List<String> related = f.strings("related");
    Node relatedNode = f.node("related");
    for (int i = 0; i < related.size(); i++) {
      String target = related.get(i);
      Node at = relatedNode.items.get(i);
      if (target.equals(draft.id())) {
        problems.error(draft.file(), at.line, at.column, "related", path + ": related intent '" + target + "' is the intent itself");
      } else if (!yamlIds.contains(target) && !tsvIds.contains(target)) {
        String near = Typos.closest(target, yamlIds, 3);
        problems.error(draft.file(), at.line, at.column, "related",
            path + ": related intent '" + target + "' does not exist" + (near == null ? "" : " (did you mean '" + near + "'?)"));
      }
    }
    Bundle bundle =
        new Bundle(
            f.string("diagnosis", ""),
            f.strings("solution"),
            f.string("risk_tip", ""),
            f.string("department", d.department()),
            f.node("collaborators") == null ? d.collaborators() : f.strings("collaborators"),
            f.node("tags") == null ? d.tags() : f.strings("tags"),
            f.reply("reply", REPLY_KEYS),
            f.string("follow_up", ""),
            f.strings("options"),
            f.strings("must_mention"),
            related,
            f.bool("verify_identity"),
            f.bool("ticket"),
            f.bool("escalate"),
            f.node("checks") == null ? d.checks() : f.strings("checks"));
    return new Intent(
        draft.id(),
        name,
        f.string("category", d.category()),
        f.string("scene", d.scene()),
        f.strings("terms"),
        examples,
        bundle);
  }

  /**
   * YAML folds a long text written over several lines with a space at each line break, which is
   * right for English and wrong for Chinese: a space between two Chinese characters, or next to
   * Chinese punctuation, is dropped.
   */
  static String unfold(String text) {
    return CJK_SPACE.matcher(text).replaceAll("");
  }

  private static final Pattern CJK_SPACE =
      Pattern.compile(
          "(?<=\\p{IsHan})[ \\t]+(?=\\p{IsHan})"
              + "|(?<=[\\u3000-\\u303F\\uFF00-\\uFFEF])[ \\t]+"
              + "|[ \\t]+(?=[\\u3000-\\u303F\\uFF00-\\uFFEF])");

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  /** Typed access to the fields of a mapping node, reporting type errors where they stand. */
  private static final class Fields {
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
        problems.error(file, node.line, node.column, path, "expected '" + path + "' to be a mapping but found " + node.describe());
        return false;
      }
      return true;
    }

    void checkKeys(Set<String> allowed, String prefix) {
      for (Node.Entry entry : node.entries.values()) {
        if (!allowed.contains(entry.key())) {
          String near = Typos.closest(entry.key(), allowed, 2);
          problems.error(file, entry.line(), entry.column(), entry.key(),
              prefix + "unknown field '" + entry.key() + "'"
                  + (near == null ? "" : " (did you mean '" + near + "'?)"));
        }
      }
    }

    Node node(String key) {
      Node.Entry entry = node.entries.get(key);
      return entry == null ? null : entry.value();
    }

    private String label(String key) {
      return path.isEmpty() ? "'" + key + "'" : path + ": '" + key + "'";
    }

    String string(String key, String fallback) {
      Node value = node(key);
      if (value == null || value.kind == Node.Kind.NULL) {
        return fallback;
      }
      if (value.kind != Node.Kind.SCALAR) {
        problems.error(file, value.line, value.column, key, label(key) + " must be text but was " + value.describe());
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
        problems.error(file, value.line, value.column, key, label(key) + " must be a list but was " + value.describe());
        return List.of();
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < value.items.size(); i++) {
        Node item = value.items.get(i);
        if (item.kind != Node.Kind.SCALAR || item.text.isBlank()) {
          problems.error(file, item.line, item.column, key + "[" + i + "]",
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
        problems.error(file, value.line, value.column, key,
            label(key) + " must be a mapping (phrase: what to say instead) but was " + value.describe());
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
      if (value.kind == Node.Kind.SCALAR && !value.string && (value.text.equals("true") || value.text.equals("false"))) {
        return value.text.equals("true");
      }
      problems.error(file, value.line, value.column, key, label(key) + " must be true or false but was " + value.describe());
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
        problems.error(file, value.line, value.column, key,
            label(key) + " must be text or a mapping with buffer, explain and solution but was " + value.describe());
        return Reply.NONE;
      }
      Fields reply = new Fields(value, path.isEmpty() ? key : path + ": " + key, file, problems);
      reply.checkKeys(parts, path + ": reply: ");
      return new Reply(reply.string("buffer", ""), reply.string("explain", ""), reply.string("solution", ""));
    }
  }
}
