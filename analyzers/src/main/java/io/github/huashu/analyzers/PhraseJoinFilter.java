package io.github.huashu.analyzers;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.util.AttributeSource;

/**
 * Joins runs of adjacent tokens whose text together is a custom word ("七天" + "无理由" becomes
 * "七天无理由"), longest match first. This gives segmenters without a user dictionary (smartcn) the
 * knowledge base's own vocabulary.
 *
 * <p>Not thread-safe, like every Lucene token filter; the word set is shared and never changed.
 */
final class PhraseJoinFilter extends TokenFilter {

  /** The words and every proper prefix of them, so that a lookahead can stop early. */
  static final class Words {
    final Set<String> words;
    final Set<String> prefixes;

    Words(Collection<String> words) {
      this.words = Set.copyOf(words);
      Set<String> prefixes = new HashSet<>();
      for (String word : words) {
        for (int i = 1; i < word.length(); i++) {
          prefixes.add(word.substring(0, i));
        }
      }
      this.prefixes = Set.copyOf(prefixes);
    }
  }

  private static final class Pending {
    final AttributeSource.State state;
    final String text;
    final int start;
    final int end;

    Pending(AttributeSource.State state, String text, int start, int end) {
      this.state = state;
      this.text = text;
      this.start = start;
      this.end = end;
    }
  }

  private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offsetAtt = addAttribute(OffsetAttribute.class);
  private final TypeAttribute typeAtt = addAttribute(TypeAttribute.class);
  private final PositionIncrementAttribute posIncAtt =
      addAttribute(PositionIncrementAttribute.class);
  private final Words words;
  private final boolean keepParts;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();

  /** Parts of the last joined word still to emit after it (index mode). */
  private final ArrayDeque<Pending> parts = new ArrayDeque<>();

  private boolean exhausted;

  /**
   * @param keepParts whether to emit the joined tokens too, after the joined word (index mode), so
   *     that a query for a part still finds the whole
   */
  PhraseJoinFilter(TokenStream input, Words words, boolean keepParts) {
    super(input);
    this.words = words;
    this.keepParts = keepParts;
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!parts.isEmpty()) {
      restoreState(parts.pollFirst().state);
      posIncAtt.setPositionIncrement(1);
      return true;
    }
    if (pending.isEmpty() && !pull()) {
      return false;
    }
    Pending first = pending.peekFirst();
    // Extend while the concatenation is still the prefix of some word, remembering the longest hit.
    StringBuilder joined = new StringBuilder(first.text);
    int longest = 1;
    int index = 1;
    Pending previous = first;
    while (words.prefixes.contains(joined.toString())) {
      if (index == pending.size() && !pull()) {
        break;
      }
      Pending candidate = get(index);
      if (candidate.start != previous.end) {
        break;
      }
      joined.append(candidate.text);
      index++;
      if (words.words.contains(joined.toString())) {
        longest = index;
      }
      previous = candidate;
    }
    Pending head = pending.pollFirst();
    restoreState(head.state);
    if (longest > 1) {
      StringBuilder text = new StringBuilder(head.text);
      Pending last = head;
      if (keepParts) {
        parts.add(head);
      }
      for (int i = 1; i < longest; i++) {
        last = pending.pollFirst();
        text.append(last.text);
        if (keepParts) {
          parts.add(last);
        }
      }
      termAtt.setEmpty().append(text);
      offsetAtt.setOffset(head.start, last.end);
      typeAtt.setType("word");
    }
    return true;
  }

  private Pending get(int index) {
    int i = 0;
    for (Pending p : pending) {
      if (i++ == index) {
        return p;
      }
    }
    throw new IndexOutOfBoundsException(index);
  }

  private boolean pull() throws IOException {
    if (exhausted || !input.incrementToken()) {
      exhausted = true;
      return false;
    }
    pending.addLast(
        new Pending(
            captureState(), termAtt.toString(), offsetAtt.startOffset(), offsetAtt.endOffset()));
    return true;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    pending.clear();
    parts.clear();
    exhausted = false;
  }
}
