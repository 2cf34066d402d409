package io.github.huashu.internal.corpus;

import io.github.huashu.Intent;
import io.github.huashu.internal.compose.Style;
import io.github.huashu.internal.normalize.MessageMetadata;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A corpus that was read without errors.
 *
 * @param intents the intents in the order of their files
 * @param negatives examples not to answer on their own: out of scope (TSV lines labelled {@code
 *     _none}), then fragments that need the previous turn ({@code _context})
 * @param synonyms groups of interchangeable words, first word canonical
 * @param metadata the corpus's own patterns of metadata to take out of messages
 * @param version content hash of every corpus file and its name
 * @param intentLocations where each intent id was defined (or first used, for TSV-only intents)
 * @param exampleLocations per intent id, where each of its examples stands, in example order
 * @param style how replies are written and drafts checked
 *     <p>Immutable.
 */
public record Corpus(
    List<Intent> intents,
    List<String> negatives,
    List<List<String>> synonyms,
    List<MessageMetadata.Rule> metadata,
    String version,
    Map<String, Location> intentLocations,
    Map<String, List<Location>> exampleLocations,
    Style style) {

  public Corpus {
    intents = List.copyOf(intents);
    negatives = List.copyOf(negatives);
    synonyms = synonyms.stream().map(List::copyOf).toList();
    metadata = List.copyOf(metadata);
    intentLocations = Map.copyOf(intentLocations);
    exampleLocations =
        exampleLocations.entrySet().stream()
            .collect(
                Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    java.util.Objects.requireNonNull(style, "style");
  }

  /** This corpus with another style. */
  Corpus withStyle(Style other) {
    return new Corpus(
        intents, negatives, synonyms, metadata, version, intentLocations, exampleLocations, other);
  }
}
