package io.github.huashu.analyzers;

import static org.assertj.core.api.Assertions.assertThat;

import com.hankcs.hanlp.corpus.tag.Nature;
import com.hankcs.hanlp.seg.common.Term;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentationMemoTest {

  private static Term term(String word, int offset) {
    Term term = new Term(word, Nature.n);
    term.offset = offset;
    return term;
  }

  /** 增值税发票 in index mode: 增值税, then 增值 inside it, then 发票. */
  private static List<Term> indexWords() {
    return new ArrayList<>(List.of(term("增值税", 0), term("增值", 0), term("发票", 3)));
  }

  @Test
  void queryWords_afterTheSameText_theMainPathOnce() {
    SegmentationMemo memo = new SegmentationMemo();
    memo.remember("增值税发票", indexWords());

    assertThat(memo.queryWords("增值税发票")).extracting(t -> t.word).containsExactly("增值税", "发票");
    assertThat(memo.queryWords("增值税发票")).isNull();
  }

  @Test
  void queryWords_anotherText_nullAndTheEntryLetGo() {
    SegmentationMemo memo = new SegmentationMemo();
    memo.remember("增值税发票", indexWords());

    assertThat(memo.queryWords("发票")).isNull();
    assertThat(memo.queryWords("增值税发票")).isNull();
  }

  @Test
  void queryWords_anotherThread_seesNothing() throws Exception {
    SegmentationMemo memo = new SegmentationMemo();
    memo.remember("增值税发票", indexWords());
    List<Term>[] seen = new List[1];
    Thread other = new Thread(() -> seen[0] = memo.queryWords("增值税发票"));
    other.start();
    other.join();

    assertThat(seen[0]).isNull();
    assertThat(memo.queryWords("增值税发票")).hasSize(2);
  }

  @Test
  void remember_longText_notKept() {
    SegmentationMemo memo = new SegmentationMemo();
    String text = "增值税发票" + "的".repeat(SegmentationMemo.MAX_REMEMBERED);
    memo.remember(text, indexWords());

    assertThat(memo.queryWords(text)).isNull();
  }

  @Test
  void remember_memoUnreachable_wordsCollected() throws Exception {
    // A plain ThreadLocal keeps a value strongly until its thread's table happens to purge the
    // stale entry: on a thread that lives on (a server's), the words, and their class loader, stay.
    List<Term> words = indexWords();
    WeakReference<List<Term>> held = new WeakReference<>(words);
    SegmentationMemo memo = new SegmentationMemo();
    memo.remember("增值税发票", words);
    words = null;
    memo = null;

    for (int i = 0; i < 50 && held.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }

    assertThat(held.get()).isNull();
  }
}
