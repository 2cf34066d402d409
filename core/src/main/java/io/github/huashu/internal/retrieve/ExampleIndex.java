package io.github.huashu.internal.retrieve;

import io.github.huashu.internal.features.Featurizer;
import io.github.huashu.internal.snapshot.SnapshotInput;
import io.github.huashu.internal.snapshot.SnapshotOutput;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.similarities.BM25Similarity;

/**
 * The retrieval index of example questions (and of each intent's name and terms): built by Lucene,
 * held in memory, searched with BM25. Queries are built from analysed tokens as term queries:
 * shopper text never reaches a query parser.
 *
 * <p>The analysed tokens are inverted into postings with every posting's score precomputed by
 * Lucene's own {@link BM25Similarity} (length norms and scorer) from the statistics a Lucene index
 * of them would keep ({@code Postings}), and a query is scored term at a time over those arrays.
 * The result is the ranking {@link IndexSearcher} gives for the same boolean query (same scores up
 * to float summation order, ties broken by document order), at a fraction of the cost: profiles
 * showed retrieval spending its time in per-query weight and scorer setup for twenty to sixty
 * clauses, not in scoring. {@code ExampleIndexTest} checks the ranking against {@link
 * IndexSearcher}.
 *
 * <p>Thread-safe after construction: the arrays are never written again, and each search scores
 * into scratch arrays of its own (about eight bytes per indexed document, and up to 66 KB for a
 * window), borrowed from a pool as large as the most searches that ever ran at once and released
 * with the index. (A {@code ThreadLocal} would keep a set in every thread of a vendor's pool, and
 * past reloads.)
 *
 * <p>Why one class of ~500 lines: the two searches and the pruning work on the same arrays and
 * scratch (calibration's search that skips documents as well); building the postings is {@code
 * Postings}.
 */
public final class ExampleIndex {

  static final String WORDS = Postings.WORDS;
  static final String BIGRAMS = Postings.BIGRAMS;

  /** Character bigrams count less than words: they match more by chance. */
  private static final float BIGRAM_BOOST = 0.5f;

  /** Bounds the terms of one query (Lucene's clause limit is 1024). */
  private static final int MAX_CLAUSES = 128;

  /**
   * A document to index: the intent it belongs to, for an example its ordinal (else -1), and its
   * text analysed for each field. Analysed once per corpus: the calibration folds index the same
   * examples again, and re-analysing them was a third of the load time of a large corpus.
   */
  public record Doc(int intent, int example, Tokens words, Tokens bigrams) {}

  /** A retrieved document. */
  public record Hit(int intent, int example, float score) {}

  private final Postings words;
  private final Postings bigrams;
  private final int[] docIntent;
  private final int[] docExample;
  private final ConcurrentLinkedQueue<Scratch> scratches = new ConcurrentLinkedQueue<>();

  public ExampleIndex(List<Doc> docs) {
    this(docs, null);
  }

  /** The index, its two fields built at once: one on this thread, one on the executor. */
  public ExampleIndex(List<Doc> docs, Executor executor) {
    Postings.Fields fields = Postings.build(docs, executor);
    this.words = fields.words();
    this.bigrams = fields.bigrams();
    this.docIntent = fields.docIntent();
    this.docExample = fields.docExample();
  }

  private ExampleIndex(Postings words, Postings bigrams, int[] docIntent, int[] docExample) {
    this.words = words;
    this.bigrams = bigrams;
    this.docIntent = docIntent;
    this.docExample = docExample;
  }

  /** Writes the documents' intents and examples, then both fields' postings. */
  public void write(SnapshotOutput out) {
    out.writeInts(docIntent);
    out.writeInts(docExample);
    words.write(out);
    bigrams.write(out);
  }

  /** Reads what {@link #write} wrote. */
  public static ExampleIndex read(SnapshotInput in) {
    int[] docIntent = in.readInts();
    int[] docExample = in.readInts();
    if (docExample.length != docIntent.length) {
      throw new SnapshotInput.Malformed(
          "expected an example per document ("
              + docIntent.length
              + ") but was "
              + docExample.length);
    }
    Postings words = Postings.read(in, docIntent.length);
    Postings bigrams = Postings.read(in, docIntent.length);
    return new ExampleIndex(words, bigrams, docIntent, docExample);
  }

  /** Clean scratch arrays (a search that throws never returns its own). */
  private Scratch borrow() {
    Scratch s = scratches.poll();
    return s != null ? s : new Scratch(docIntent.length);
  }

  /**
   * For one search: a score per document and which documents it touched (a walk of all postings),
   * or a window's scores and documents (a pruned search).
   */
  private static final class Scratch {
    final float[] scores;
    final int[] touched;
    final float[] windowScores;
    final long[] windowDocs;

    Scratch(int maxDoc) {
      scores = new float[maxDoc];
      touched = new int[maxDoc];
      // A window never holds more documents than the index.
      windowScores = new float[Math.min(WINDOW, maxDoc)];
      windowDocs = new long[(windowScores.length + 63) / 64];
    }
  }

  /**
   * The best {@code n} documents for the analysed text, best first (ties: document order).
   *
   * <p>When the query's postings are long (at 10,000 intents nearly all are), the documents are
   * scored window by window with MaxScore pruning, as Lucene's own disjunctions prune: terms that
   * together cannot lift a document to the n-th best score so far are not walked, only looked up
   * for the documents the other terms reach ({@link #searchWindows}). The result is the same, score
   * for score.
   */
  public Hit[] search(Featurizer.Text text, int n) {
    return search(text, n, PRUNE_FROM);
  }

  /** The search, pruning once the query's postings number {@code pruneFrom} (tests: 0). */
  public Hit[] search(Featurizer.Text text, int n, int pruneFrom) {
    return search(text, n, pruneFrom, null);
  }

  /** Which documents a test on their intent and example ordinal (-1: names and terms) picks. */
  public interface DocumentTest {
    boolean test(int intent, int example);
  }

  /**
   * Per document, whether the test picks it: a mask for {@link #search(Featurizer.Text, int,
   * boolean[])}.
   */
  public boolean[] documents(DocumentTest test) {
    boolean[] picked = new boolean[docIntent.length];
    for (int doc = 0; doc < picked.length; doc++) {
      picked[doc] = test.test(docIntent[doc], docExample[doc]);
    }
    return picked;
  }

  /**
   * The best {@code n} documents as {@link #search(Featurizer.Text, int)} finds them among the
   * documents that {@code skipped} does not mark: calibration asks as if some had not been indexed
   * (their scores keep the whole index's statistics).
   */
  public Hit[] search(Featurizer.Text text, int n, boolean[] skipped) {
    return search(text, n, PRUNE_FROM, skipped);
  }

  /** The search over the documents not marked {@code skipped} (null: all). */
  Hit[] search(Featurizer.Text text, int n, int pruneFrom, boolean[] skipped) {
    Query query = new Query();
    for (String token : limit(text.tokens())) {
      query.add(words, token, 1f);
    }
    for (String bigram : limit(text.bigrams())) {
      query.add(bigrams, bigram, BIGRAM_BOOST);
    }
    if (query.terms == 0 || n <= 0) {
      return new Hit[0];
    }
    // Short postings are cheaper to walk than to prune.
    return query.postings >= pruneFrom
        ? searchWindows(query, n, skipped)
        : walkAll(query, n, skipped);
  }

  /** Queries with fewer postings than this are not pruned. */
  private static final int PRUNE_FROM = 20_000;

  /**
   * Relative margin on the bounds: a document's float sum may round a few ulps above the double sum
   * of the terms' maximum contributions.
   */
  private static final double BOUND_SLACK = 1e-5;

  /** A query's terms that the index has: their postings, boosts and bounds, in query order. */
  private static final class Query {
    int terms;
    long postings;
    int[][] docs = new int[8][];
    float[][] scores = new float[8][];
    float[] boosts = new float[8];
    float[] maxScores = new float[8];

    void add(Postings field, String term, float boost) {
      int id = field.terms.id(term);
      if (id < 0) {
        return;
      }
      if (terms == docs.length) {
        docs = Arrays.copyOf(docs, terms * 2);
        scores = Arrays.copyOf(scores, terms * 2);
        boosts = Arrays.copyOf(boosts, terms * 2);
        maxScores = Arrays.copyOf(maxScores, terms * 2);
      }
      docs[terms] = field.docs[id];
      scores[terms] = field.scores[id];
      boosts[terms] = boost;
      maxScores[terms] = boost * field.maxScores[id];
      postings += field.docs[id].length;
      terms++;
    }
  }

  /** Every posting of every term, term by term in query order. */
  private Hit[] walkAll(Query query, int n, boolean[] skipped) {
    Scratch s = borrow();
    float[] scores = s.scores;
    int[] touched = s.touched;
    int count = 0;
    for (int t = 0; t < query.terms; t++) {
      count = add(query, t, skipped, scores, touched, count);
    }
    TopHits top = new TopHits(Math.min(n, count));
    for (int i = 0; i < count; i++) {
      top.offer(touched[i], scores[touched[i]]);
      scores[touched[i]] = 0;
    }
    scratches.offer(s);
    return top.hits(docIntent, docExample);
  }

  /**
   * MaxScore by windows of documents, as Lucene's {@code MaxScoreBulkScorer}: the documents go by
   * in windows of 16,384, and in each window the terms that together could add only a fraction of
   * the score to beat (the n-th best so far, and from the start the {@link #floor}) are left out of
   * the walk. The other terms' postings in the window are walked into the window's scores; a
   * document they reach is then completed with the left-out terms, found by galloping search,
   * unless what those can still add no longer lifts it to the score to beat. A term with no
   * document left in the window counts for nothing there.
   *
   * <p>Each document's terms add in the same order as in a walk of all the terms by their highest
   * scores, so the scores are those of that walk bit for bit.
   *
   * <p>Tuned at 10,000 intents (130,000 documents, queries of ~94,000 postings): walking a posting
   * into a window costs a fraction of a galloping search, so the terms left out are only those that
   * could add under {@link #LEFT_OUT_SHARE} of the score to beat. Smaller windows were slower (they
   * walk fewer postings and gallop for more documents); bounds per window, as Lucene's impacts keep
   * them, saved nothing (an example question is short wherever it is, so a common term's best score
   * is reached in nearly every window).
   */
  private Hit[] searchWindows(Query query, int n, boolean[] skipped) {
    int terms = query.terms;
    // Terms by their highest score, least first (ties: later in the query first), by insertion:
    // the terms are few.
    int[] order = new int[terms];
    for (int t = 0; t < terms; t++) {
      int k = t;
      while (k > 0 && query.maxScores[order[k - 1]] >= query.maxScores[t]) {
        order[k] = order[k - 1];
        k--;
      }
      order[k] = t;
    }
    int[] cursor = new int[terms];
    // below[k]: the most that the terms order[0..k) can add to a document of the window.
    double[] below = new double[terms + 1];
    TopHits top = new TopHits(Math.min(n, docIntent.length));
    Scratch s = borrow();
    float floor = floor(query, order, n, skipped, s);
    float[] windowScores = s.windowScores;
    long[] windowDocs = s.windowDocs;
    for (int base = 0; base < docIntent.length; base += WINDOW) {
      int end = Math.min(base + WINDOW, docIntent.length);
      double sum = 0;
      for (int k = 0; k < terms; k++) {
        below[k] = sum;
        sum += bound(query.docs[order[k]], cursor[k], base, end, query.maxScores[order[k]]);
      }
      below[terms] = sum;
      float threshold = Math.max(floor, top.worstScore());
      // The terms before walkFrom are left out of the walk.
      int walkFrom = 0;
      while (walkFrom < terms
          && below[walkFrom + 1] * (1 + BOUND_SLACK) < LEFT_OUT_SHARE * threshold) {
        walkFrom++;
      }
      for (int k = terms - 1; k >= walkFrom; k--) {
        int t = order[k];
        int[] docs = query.docs[t];
        float[] values = query.scores[t];
        float boost = query.boosts[t];
        int p = advance(docs, cursor[k], base);
        for (; p < docs.length && docs[p] < end; p++) {
          int doc = docs[p];
          // Skipped documents are never touched: neither candidates nor counted among the n best.
          if (skipped == null || !skipped[doc]) {
            int i = doc - base;
            windowDocs[i >>> 6] |= 1L << i;
            windowScores[i] += boost * values[p];
          }
        }
        cursor[k] = p;
      }
      // The window's documents in order, completed with the terms left out. Most cannot reach the
      // score to beat even with all of those: one comparison with a cut a little below what the
      // bound allows (never above: the exact test follows) dismisses them.
      float cut = cut(threshold, below[walkFrom]);
      for (int word = 0; word < windowDocs.length; word++) {
        long bits = windowDocs[word];
        if (bits == 0) {
          continue;
        }
        windowDocs[word] = 0;
        do {
          int i = (word << 6) + Long.numberOfTrailingZeros(bits);
          bits &= bits - 1;
          float score = windowScores[i];
          windowScores[i] = 0;
          if (score < cut) {
            continue;
          }
          int doc = base + i;
          boolean competitive = true;
          for (int k = walkFrom - 1; k >= 0 && competitive; k--) {
            if ((score + below[k + 1]) * (1 + BOUND_SLACK) < threshold) {
              competitive = false;
            } else {
              int t = order[k];
              int[] docs = query.docs[t];
              int p = advance(docs, cursor[k], doc);
              cursor[k] = p;
              if (p < docs.length && docs[p] == doc) {
                score += query.boosts[t] * query.scores[t][p];
              }
            }
          }
          if (competitive) {
            top.offer(doc, score);
            threshold = Math.max(floor, top.worstScore());
            cut = cut(threshold, below[walkFrom]);
          }
        } while (bits != 0);
      }
    }
    scratches.offer(s);
    return top.hits(docIntent, docExample);
  }

  /**
   * A score below which a document cannot reach {@code threshold} even with {@code rest} added:
   * below {@code threshold / (1 + BOUND_SLACK) - rest} by a millionth of either, so that it never
   * dismisses a document the exact test would keep.
   */
  private static float cut(float threshold, double rest) {
    if (threshold == Float.NEGATIVE_INFINITY) {
      return Float.NEGATIVE_INFINITY;
    }
    double cut = threshold / (1 + BOUND_SLACK) - rest;
    return (float) (cut - 1e-6 * (Math.abs(threshold) + rest));
  }

  /** Documents per window of {@link #searchWindows}. */
  private static final int WINDOW = 1 << 14;

  /**
   * Terms are left out of a window's walk while together they could add less than this share of the
   * score to beat.
   */
  private static final double LEFT_OUT_SHARE = 0.4;

  /**
   * The most a term can add to a document of the window {@code [base, end)}: its highest score, or
   * 0 if its postings from {@code cursor} on hold none of the window's documents.
   */
  private static float bound(int[] docs, int cursor, int base, int end, float maxScore) {
    if (cursor == docs.length || docs[docs.length - 1] < base || docs[cursor] >= end) {
      return 0;
    }
    return maxScore;
  }

  /**
   * A score that the n-th best reaches: walking the terms with the highest bounds (the rarest, with
   * short postings) until n documents are touched, the n-th best of their partial scores (terms
   * only add to a score). 0 if the query's postings touch fewer documents.
   */
  private float floor(Query query, int[] order, int n, boolean[] skipped, Scratch s) {
    float[] scores = s.scores;
    int[] touched = s.touched;
    int count = 0;
    for (int k = query.terms - 1; k >= 0 && count < n; k--) {
      count = add(query, order[k], skipped, scores, touched, count);
    }
    TopHits top = new TopHits(Math.min(n, count));
    for (int i = 0; i < count; i++) {
      top.offer(touched[i], scores[touched[i]]);
      scores[touched[i]] = 0;
    }
    return count >= n ? top.worstScore() : 0;
  }

  /**
   * Adds term {@code t}'s scores to the documents it has, noting the ones not touched before; the
   * count of touched documents after.
   */
  private static int add(
      Query query, int t, boolean[] skipped, float[] scores, int[] touched, int count) {
    int[] docs = query.docs[t];
    float[] values = query.scores[t];
    float boost = query.boosts[t];
    for (int i = 0; i < docs.length; i++) {
      int doc = docs[i];
      // Skipped documents are never touched: neither candidates nor counted among the n best.
      if (skipped != null && skipped[doc]) {
        continue;
      }
      if (scores[doc] == 0) {
        touched[count++] = doc;
      }
      scores[doc] += boost * values[i];
    }
    return count;
  }

  /** The first position from {@code from} on whose document is at least {@code doc}. */
  private static int advance(int[] docs, int from, int doc) {
    if (from == docs.length || docs[from] >= doc) {
      return from;
    }
    // Gallop to a range that must hold doc, then binary search it.
    int step = 1;
    int lo = from;
    int hi = from + 1;
    while (hi < docs.length && docs[hi] < doc) {
      lo = hi;
      step <<= 1;
      hi += step;
    }
    int at = Arrays.binarySearch(docs, lo + 1, Math.min(hi + 1, docs.length), doc);
    return at >= 0 ? at : -at - 1;
  }

  /** The distinct terms of a field that a query uses, at most half the clause limit. */
  static Set<String> limit(List<String> tokens) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String token : tokens) {
      if (distinct.size() == MAX_CLAUSES / 2) {
        break;
      }
      distinct.add(token);
    }
    return distinct;
  }

  @Override
  public String toString() {
    return "ExampleIndex["
        + docIntent.length
        + " docs, "
        + words.docs.length
        + " words, "
        + bigrams.docs.length
        + " bigrams]";
  }
}
