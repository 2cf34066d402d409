package io.github.huashu.analyzers;

import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.charfilter.BaseCharFilter;

/**
 * Repairs pinyin typos with a {@link PinyinSpeller} before tokenisation. Offsets are corrected, so
 * they still point into what the shopper typed even where Latin pinyin (tuikuan) became a shorter
 * word (退款). Reads its whole input on the first read.
 *
 * <p>Not thread-safe, like every Lucene {@link org.apache.lucene.analysis.CharFilter}.
 */
final class SpellingCharFilter extends BaseCharFilter {

  private final PinyinSpeller speller;
  private String output;
  private int position;

  SpellingCharFilter(Reader input, PinyinSpeller speller) {
    super(input);
    this.speller = speller;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    if (output == null) {
      fill();
    }
    if (position >= output.length()) {
      return -1;
    }
    int n = Math.min(length, output.length() - position);
    output.getChars(position, position + n, buffer, offset);
    position += n;
    return n;
  }

  private void fill() throws IOException {
    StringBuilder text = new StringBuilder();
    char[] chunk = new char[1024];
    for (int n; (n = input.read(chunk)) != -1; ) {
      text.append(chunk, 0, n);
    }
    String in = text.toString();
    StringBuilder out = new StringBuilder(in.length());
    int at = 0;
    for (PinyinSpeller.Repair repair : speller.repairs(in)) {
      out.append(in, at, repair.start()).append(repair.word());
      at = repair.end();
      if (repair.end() - repair.start() != repair.word().length()) {
        // From the end of the replacement on, output offsets map this much further into the input.
        addOffCorrectMap(out.length(), at - out.length());
      }
    }
    out.append(in, at, in.length());
    output = out.toString();
    position = 0;
  }
}
