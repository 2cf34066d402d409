package io.github.huashu.internal.features;

import io.github.huashu.analyzers.ChineseAnalyzers;
import io.github.huashu.analyzers.ChineseAnalyzers.Segmenter;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;

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
   * Word analysis in the mode: {@code QUERY} for questions and features, {@code INDEX} for BM25.
   */
  public Analyzer words(ChineseAnalyzers.Mode mode) {
    return ChineseAnalyzers.builder()
        .segmenter(segmenter)
        .mode(mode)
        .customWords(customWords)
        .synonyms(synonyms)
        .build();
  }
}
