package io.github.huashu.analyzers;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;

/**
 * An analyzer whose text, for analysis and for normalisation alike, first goes through a {@link
 * FoldingCharFilter}. Thread-safe, like every Lucene analyzer.
 */
abstract class FoldingAnalyzer extends Analyzer {

  @Override
  protected final Reader initReader(String fieldName, Reader reader) {
    return wrap(new FoldingCharFilter(reader));
  }

  /** Further character filtering after folding, for analysis only; none unless overridden. */
  protected Reader wrap(Reader folded) {
    return folded;
  }

  @Override
  protected final Reader initReaderForNormalization(String fieldName, Reader reader) {
    return new FoldingCharFilter(reader);
  }
}
