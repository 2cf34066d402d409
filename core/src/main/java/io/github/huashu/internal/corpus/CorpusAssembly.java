package io.github.huashu.internal.corpus;

import io.github.huashu.Bundle;
import io.github.huashu.Intent;
import io.github.huashu.internal.compose.Style;
import io.github.huashu.internal.normalize.MessageMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts the files' intents, TSV examples, synonyms and metadata rules together into a corpus,
 * checking what refers across files: duplicate ids, TSV labels and related intents that name no
 * intent (with a "did you mean"), intents without examples. Stateless.
 */
final class CorpusAssembly {

  private CorpusAssembly() {}

  static Corpus assemble(
      List<Draft> drafts,
      List<ExampleLines.Line> tsv,
      List<List<String>> synonyms,
      List<MessageMetadata.Rule> metadata,
      String version,
      Problems problems) {
    Map<String, Draft> byId = new LinkedHashMap<>();
    for (Draft draft : drafts) {
      Draft first = byId.putIfAbsent(draft.id(), draft);
      if (first != null) {
        problems.error(
            draft.file(),
            draft.line(),
            draft.column(),
            "id",
            "intent '"
                + draft.id()
                + "' is already defined at "
                + first.file()
                + ":"
                + first.line()
                + ":"
                + first.column());
      }
    }
    Map<String, List<String>> tsvExamples = new LinkedHashMap<>();
    Map<String, List<Location>> tsvLocations = new LinkedHashMap<>();
    List<String> negatives = new ArrayList<>();
    List<String> fragments = new ArrayList<>();
    for (ExampleLines.Line example : tsv) {
      if (example.intent().equals(IntentIds.NONE)) {
        negatives.add(example.question());
        continue;
      }
      if (example.intent().equals(IntentIds.CONTEXT)) {
        fragments.add(example.question());
        continue;
      }
      if (!byId.containsKey(example.intent()) && !byId.isEmpty()) {
        String near = Typos.closest(example.intent(), byId.keySet(), 2);
        if (near != null) {
          problems.error(
              example.file(),
              example.line(),
              example.column(),
              "intent",
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
          intent(
              draft,
              tsvExamples.getOrDefault(draft.id(), List.of()),
              byId.keySet(),
              tsvExamples.keySet(),
              locations,
              problems);
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
    f.checkKeys(ScenarioFile.INTENT_KEYS, path + ": ");
    Defaults d = draft.defaults();
    String name = f.string("name", null);
    if (name == null) {
      problems.error(draft.file(), node.line, node.column, "name", path + ": missing field 'name'");
      name = draft.id();
    } else {
      checkWord(name, "name", f.node("name"), path, draft.file(), problems);
    }
    List<String> terms = f.strings("terms");
    for (int i = 0; i < terms.size(); i++) {
      if (!terms.get(i).isEmpty()) {
        checkWord(terms.get(i), "term", f.node("terms").items.get(i), path, draft.file(), problems);
      }
    }
    List<String> examples = new ArrayList<>(f.strings("examples"));
    Node examplesNode = f.node("examples");
    if (examplesNode != null && examplesNode.kind == Node.Kind.LIST) {
      for (int i = 0; i < examplesNode.items.size(); i++) {
        Node item = examplesNode.items.get(i);
        exampleLocations.add(new Location(draft.file(), item.line, item.column));
        String tooLong = Limits.example(examples.get(i));
        if (tooLong != null) {
          problems.error(
              draft.file(),
              item.line,
              item.column,
              "examples",
              path + ": example " + (i + 1) + " " + tooLong);
        }
      }
    }
    if (examplesNode != null
        && examplesNode.kind == Node.Kind.LIST
        && examplesNode.items.isEmpty()) {
      problems.error(
          draft.file(),
          examplesNode.line,
          examplesNode.column,
          "examples",
          path + ": examples must not be empty");
    }
    examples.addAll(extraExamples);
    if (examples.isEmpty() && (examplesNode == null || examplesNode.kind != Node.Kind.LIST)) {
      problems.error(
          draft.file(),
          node.line,
          node.column,
          "examples",
          path + ": has no examples (add 'examples' or lines in a .tsv file)");
    }
    List<String> related = f.strings("related");
    Node relatedNode = f.node("related");
    for (int i = 0; i < related.size(); i++) {
      String target = related.get(i);
      Node at = relatedNode.items.get(i);
      if (target.equals(draft.id())) {
        problems.error(
            draft.file(),
            at.line,
            at.column,
            "related",
            path + ": related intent '" + target + "' is the intent itself");
      } else if (!yamlIds.contains(target) && !tsvIds.contains(target)) {
        String near = Typos.closest(target, yamlIds, 3);
        problems.error(
            draft.file(),
            at.line,
            at.column,
            "related",
            path
                + ": related intent '"
                + Excerpt.of(target)
                + "' does not exist"
                + (near == null ? "" : " (did you mean '" + near + "'?)"));
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
            f.reply("reply", ScenarioFile.REPLY_KEYS),
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
        terms,
        examples,
        bundle);
  }

  /** Reports a name or term that cannot be a word of the segmenter's dictionary. */
  private static void checkWord(
      String word, String what, Node at, String path, String file, Problems problems) {
    String problem = Limits.word(word);
    if (problem != null) {
      problems.error(
          file,
          at.line,
          at.column,
          what.equals("term") ? "terms" : what,
          path + ": " + what + " '" + Excerpt.of(word) + "' " + problem);
    }
  }
}
