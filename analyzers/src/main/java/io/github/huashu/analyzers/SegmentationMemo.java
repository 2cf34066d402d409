package io.github.huashu.analyzers;

import com.hankcs.hanlp.seg.common.Term;
import java.util.ArrayList;
import java.util.List;

/**
 * Each thread's last index-mode segmentation, for the query-mode analysis of the same text that
 * follows it when a corpus is analysed both ways: HanLP's query-mode words are its index-mode words
 * without the shorter words it adds inside a longer one (both modes run the same Viterbi path and
 * dictionary merge, and index mode only decorates the result), so the second segmentation is never
 * run.
 *
 * <p>Thread-safe: each thread sees only its own entry, which the next query-mode analysis on the
 * thread consumes, whether or not its text is the same.
 */
final class SegmentationMemo {

  private record Entry(String text, List<Term> terms) {}

  private final ThreadLocal<Entry> last = new ThreadLocal<>();

  /** Keeps the index-mode words of the text for this thread's next query-mode analysis. */
  void remember(String text, List<Term> indexWords) {
    last.set(new Entry(text, indexWords));
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
    last.remove();
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
