package io.github.huashu.analyzers;

import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import java.io.IOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.util.ArrayUtil;

/**
 * Segments the whole input with a HanLP {@link Segment} of its own and emits one token per word,
 * typed with HanLP's part-of-speech tag; in index mode the words inside a longer word follow it,
 * each at a position of its own (as IK's {@code ik_max_word} does). Punctuation and white space
 * come out as tokens too (typed {@code w}); the analyzer's filters decide what to keep.
 *
 * <p>Not thread-safe, like every Lucene {@link Tokenizer}; each instance owns its segmenter.
 */
final class HanLPTokenizer extends Tokenizer {

  private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offsetAtt = addAttribute(OffsetAttribute.class);
  private final TypeAttribute typeAtt = addAttribute(TypeAttribute.class);

  private final Segment segment;

  /** Where an index-mode tokenizer leaves its words and a query-mode one looks first, or null. */
  private final SegmentationMemo memo;

  private final boolean index;

  private char[] buffer = new char[256];
  private int length;

  /**
   * The words of the current input. An iterator, not an index: HanLP returns a {@code LinkedList}
   * (in index mode always), where {@code get(i)} walks the list and a long text took time that grew
   * with the square of its length.
   */
  private Iterator<Term> terms = Collections.emptyIterator();

  HanLPTokenizer(Supplier<Segment> segments) {
    this(segments, null, false);
  }

  /**
   * @param memo shared with the tokenizers of the other mode over the same dictionary, or null
   * @param index whether the segments are in index mode (it then remembers; else it looks)
   */
  HanLPTokenizer(Supplier<Segment> segments, SegmentationMemo memo, boolean index) {
    this.segment = segments.get();
    this.memo = memo;
    this.index = index;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    length = 0;
    for (int read; (read = input.read(buffer, length, buffer.length - length)) != -1; ) {
      length += read;
      if (length == buffer.length) {
        buffer = ArrayUtil.grow(buffer, length + 1);
      }
    }
    if (length == 0) {
      terms = Collections.emptyIterator();
      return;
    }
    String text = new String(buffer, 0, length);
    List<Term> words = memo == null || index ? null : memo.queryWords(text);
    if (words == null) {
      words = segment.seg(text);
      if (memo != null && index) {
        memo.remember(text, words);
      }
    }
    terms = words.iterator();
  }

  @Override
  public boolean incrementToken() {
    if (!terms.hasNext()) {
      return false;
    }
    clearAttributes();
    Term term = terms.next();
    termAtt.append(term.word);
    int end = term.offset + term.length();
    offsetAtt.setOffset(correctOffset(term.offset), correctOffset(end));
    typeAtt.setType(term.nature == null ? "word" : term.nature.toString());
    return true;
  }

  @Override
  public void end() throws IOException {
    super.end();
    int finalOffset = correctOffset(length);
    offsetAtt.setOffset(finalOffset, finalOffset);
  }

  @Override
  public void close() throws IOException {
    super.close();
    terms = Collections.emptyIterator();
    if (buffer.length > 4096) {
      buffer = new char[256];
    }
  }
}
