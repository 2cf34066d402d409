package io.github.huashu.analyzers;

import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.CharFilter;

/**
 * Applies {@link ChineseNormalizer#fold(char)} to every character read: full-width to half-width,
 * Traditional to Simplified, lower case. The mapping is one unit to one unit, so offsets need no
 * correction and still point into what the shopper typed.
 *
 * <p>Not thread-safe, like every Lucene {@link CharFilter}.
 */
public final class FoldingCharFilter extends CharFilter {

  public FoldingCharFilter(Reader input) {
    super(input);
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int read = input.read(buffer, offset, length);
    for (int i = offset; i < offset + read; i++) {
      buffer[i] = ChineseNormalizer.fold(buffer[i]);
    }
    return read;
  }

  @Override
  public int read() throws IOException {
    int c = input.read();
    return c < 0 ? c : ChineseNormalizer.fold((char) c);
  }

  @Override
  protected int correct(int currentOff) {
    return currentOff;
  }
}
