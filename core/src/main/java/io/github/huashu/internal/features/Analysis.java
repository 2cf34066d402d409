package io.github.huashu.internal.features;

import io.github.huashu.analyzers.ChineseAnalyzers;
import io.github.huashu.analyzers.ChineseAnalyzers.Segmenter;
import java.util.List;
import java.util.Objects;

/**
 * How a knowledge base's analyzers are built: the segmenter, the corpus's own words it keeps whole
 * (intent names, terms, synonyms) and its synonym groups. Kept beside the analyzers it builds, so
 * that a saved knowledge base builds the same ones again. Immutable.
 */
public record Analysis(Segmenter segmenter, List<String> customWords, List<List<String>> synonyms) {

  public Analysis {
    Objects.requireNonNull(segmenter, "segmenter");
    customWords = List.copyOf(customWords);
    synonyms = synonyms.stream().map(List::copyOf).toList();
  }

  /**
   * Query- and index-mode word analysis over one dictionary: a text analysed for the index and then
   * as a question on the same thread is segmented once (see {@link
   * ChineseAnalyzers.Builder#buildBoth()}).
   */
  public ChineseAnalyzers.QueryAndIndex both() {
    return ChineseAnalyzers.builder()
        .segmenter(segmenter)
        .customWords(customWords)
        .synonyms(synonyms)
        .buildBoth();
  }
}
