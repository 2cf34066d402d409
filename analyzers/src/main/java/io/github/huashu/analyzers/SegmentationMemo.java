package io.github.huashu.analyzers;

import com.hankcs.hanlp.seg.common.Term;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.util.CloseableThreadLocal;

/**
 * Each thread's last index-mode segmentation, for the query-mode analysis of the same text that
 * follows it when a corpus is analysed both ways: HanLP's query-mode words are its index-mode words
 * without the shorter words it adds inside a longer one (both modes run the same Viterbi path and
 * dictionary merge, and index mode only decorates the result), so the second segmentation is never
 * run.
 *
 * <p>Thread-safe: each thread sees only its own entry, which the thread's next query-mode analysis
 * of a non-empty text consumes, whether or not its text is the same. Only texts of up to {@link
 * #MAX_REMEMBERED} characters are kept, and in a Lucene {@link CloseableThreadLocal}: a thread that
 * lives on keeps at most one short text's words, and none once the analyzers are unreachable (a
 * plain {@code ThreadLocal} may keep them, and their class loader, long after).
 */
final class SegmentationMemo {

  /** The longest text remembered: training's texts are short; a long one is segmented twice. */
  static final int MAX_REMEMBERED = 1_000;

  private record Entry(String text, List<Term> terms) {}

  private final CloseableThreadLocal<Entry> last = new CloseableThreadLocal<>();

  /** Keeps the index-mode words of the text for this thread's next query-mode analysis. */
  void remember(String text, List<Term> indexWords) {
    if (text.length() <= MAX_REMEMBERED) {
      last.set(new Entry(text, indexWords));
    }
  }

  /**
   * The query-mode words of the text if it is the one this thread last segmented in index mode,
   * else null; the entry is let go either way.
   */
  List<Term> queryWords(String text) {
    Entry entry = last.get();
    if (entry == null) {
      return null;
    }
    last.set(null);
    if (!entry.text.equals(text)) {
      return null;
    }
    List<Term> words = new ArrayList<>();
    int end = 0;
    for (Term term : entry.terms) {
      // Index mode puts the words inside a longer word right after it: they start before its end.
      if (term.offset >= end) {
        words.add(term);
        end = term.offset + term.length();
      }
    }
    return words;
  }
}
