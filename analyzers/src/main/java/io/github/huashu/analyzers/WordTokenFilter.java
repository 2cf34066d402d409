package io.github.huashu.analyzers;

import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Keeps only tokens with at least one letter or digit: punctuation, symbols and white space that a
 * segmenter emitted as tokens are dropped (their positions are kept as gaps).
 *
 * <p>Not thread-safe, like every Lucene token filter.
 */
final class WordTokenFilter extends FilteringTokenFilter {

  private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);

  WordTokenFilter(TokenStream input) {
    super(input);
  }

  @Override
  protected boolean accept() {
    for (int i = 0; i < termAtt.length(); ) {
      int cp = Character.codePointAt(termAtt.buffer(), i, termAtt.length());
      if (Character.isLetterOrDigit(cp)) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }
}
