package io.github.huashu.internal.retrieve;

import io.github.huashu.internal.features.Featurizer;
import io.github.huashu.internal.snapshot.SnapshotInput;
import io.github.huashu.internal.snapshot.SnapshotOutput;
import java.util.ArrayList;
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
 * into scratch arrays of its own (about eight bytes per indexed document), borrowed from a pool as
 * large as the most searches that ever ran at once and released with the index. (A {@code
 * ThreadLocal} would keep a set in every thread of a vendor's pool, and past reloads.)
 *
 * <p>Why one class of ~480 lines: the search, its MaxScore pruning and its top-n heap work on the
 * same arrays and scratch (calibration's search that skips documents as well); building the
 * postings is {@code Postings}.
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

  /** For one search: a score per document, and which documents it touched. */
  private static final class Scratch {
    final float[] scores;
    final int[] touched;

    Scratch(int maxDoc) {
      scores = new float[maxDoc];
      touched = new int[maxDoc];
    }
  }

  /**
   * The best {@code n} documents for the analysed text, best first (ties: document order).
   *
   * <p>When the query's postings are long, terms are scored in order of the most they can add to a
   * document, rarest first. Once the n-th best score so far exceeds what all the remaining terms
   * together could add, no document not yet seen can reach the top n (MaxScore, as Lucene's own
   * scorers prune): the remaining terms then only add to the documents that still can, found by
   * galloping search in their postings instead of a walk through all of them, and after each term
   * the documents that can no longer make it are dropped. At 10,000 intents this saves a fifth to a
   * third of the walk (the common words come last, and most of their postings are skipped); the
   * result is the same.
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
    List<int[]> termDocs = new ArrayList<>();
    List<float[]> termScores = new ArrayList<>();
    List<Float> boosts = new ArrayList<>();
    List<Float> bounds = new ArrayList<>();
    for (String token : limit(text.tokens())) {
      term(words, token, 1f, termDocs, termScores, boosts, bounds);
    }
    for (String bigram : limit(text.bigrams())) {
      term(bigrams, bigram, BIGRAM_BOOST, termDocs, termScores, boosts, bounds);
    }
    int terms = termDocs.size();
    if (terms == 0 || n <= 0) {
      return new Hit[0];
    }
    long postings = 0;
    for (int[] docs : termDocs) {
      postings += docs.length;
    }
    // Short postings are cheaper to walk than to prune: then the terms go in query order.
    boolean prune = postings >= pruneFrom;
    Integer[] order = new Integer[terms];
    for (int t = 0; t < terms; t++) {
      order[t] = t;
    }
    if (prune) {
      Arrays.sort(order, (a, b) -> Float.compare(bounds.get(b), bounds.get(a)));
    }
    // remaining[i]: the most that the terms from order[i] on can add to one document, rounded up.
    double[] remaining = new double[terms + 1];
    for (int i = terms - 1; i >= 0; i--) {
      remaining[i] = remaining[i + 1] + bounds.get(order[i]);
    }
    for (int i = 0; i < terms; i++) {
      remaining[i] *= 1 + BOUND_SLACK;
    }

    Scratch s = borrow();
    float[] scores = s.scores;
    int[] touched = s.touched;
    int count = 0;
    int next = 0;
    int[] candidates = null;
    int candidateCount = 0;
    double retryBelow = Double.MAX_VALUE;
    float best = 0;
    while (next < terms) {
      int t = order[next++];
      int[] docs = termDocs.get(t);
      float[] values = termScores.get(t);
      float boost = boosts.get(t);
      if (skipped == null) {
        for (int i = 0; i < docs.length; i++) {
          int doc = docs[i];
          if (scores[doc] == 0) {
            touched[count++] = doc;
          }
          float score = scores[doc] + boost * values[i];
          scores[doc] = score;
          best = Math.max(best, score);
        }
      } else {
        // Skipped documents are never touched: neither candidates nor counted among the n best.
        for (int i = 0; i < docs.length; i++) {
          int doc = docs[i];
          if (skipped[doc]) {
            continue;
          }
          if (scores[doc] == 0) {
            touched[count++] = doc;
          }
          float score = scores[doc] + boost * values[i];
          scores[doc] = score;
          best = Math.max(best, score);
        }
      }
      // Finding the n-th best costs a pass over the touched documents: try when the remaining
      // terms could no longer lift a document past the best, and again only once they can add
      // under 40% of what they could at the last try (tuned at 10,000 intents: trying more often
      // costs more passes than it saves).
      if (prune
          && next < terms
          && count >= n
          && remaining[next] < best
          && remaining[next] < retryBelow) {
        retryBelow = remaining[next] * RETRY_FACTOR;
        float threshold = nthBest(scores, touched, count, n);
        if (threshold > remaining[next]) {
          // From here on only documents that can still reach the top n are scored.
          candidates = new int[count];
          for (int i = 0; i < count; i++) {
            if (scores[touched[i]] + remaining[next] >= threshold) {
              candidates[candidateCount++] = touched[i];
            }
          }
          Arrays.sort(candidates, 0, candidateCount);
          break;
        }
      }
    }
    Hit[] hits;
    if (candidates == null) {
      hits = top(scores, touched, count, n);
    } else {
      while (next < terms) {
        int t = order[next++];
        addTo(
            candidates, candidateCount, termDocs.get(t), termScores.get(t), boosts.get(t), scores);
        if (next < terms && candidateCount > n) {
          // What the rest can add keeps shrinking, the n-th best keeps rising: fewer candidates.
          float threshold = nthBest(scores, candidates, candidateCount, n);
          int kept = 0;
          for (int i = 0; i < candidateCount; i++) {
            if (scores[candidates[i]] + remaining[next] >= threshold) {
              candidates[kept++] = candidates[i];
            }
          }
          candidateCount = kept;
        }
      }
      hits = top(scores, candidates, candidateCount, n);
    }
    for (int i = 0; i < count; i++) {
      scores[touched[i]] = 0;
    }
    scratches.offer(s);
    return hits;
  }

  /** Queries with fewer postings than this are not pruned. */
  private static final int PRUNE_FROM = 20_000;

  /**
   * Relative margin on the bounds: a document's float sum may round a few ulps above the double sum
   * of the terms' maximum contributions.
   */
  private static final double BOUND_SLACK = 1e-5;

  /** After a failed try at pruning, the next waits until the remaining bound falls this far. */
  private static final double RETRY_FACTOR = 0.4;

  private static void term(
      Postings field,
      String term,
      float boost,
      List<int[]> docs,
      List<float[]> scores,
      List<Float> boosts,
      List<Float> bounds) {
    int id = field.terms.id(term);
    if (id >= 0) {
      docs.add(field.docs[id]);
      scores.add(field.scores[id]);
      boosts.add(boost);
      bounds.add(boost * field.maxScores[id]);
    }
  }

  /**
   * Adds the term's scores to the sorted candidates that have it, galloping through its postings.
   */
  private static void addTo(
      int[] candidates, int count, int[] docs, float[] values, float boost, float[] scores) {
    int from = 0;
    for (int c = 0; c < count && from < docs.length; c++) {
      int doc = candidates[c];
      // Gallop to a range that must hold doc, then binary search it.
      int step = 1;
      int hi = from;
      while (hi < docs.length && docs[hi] < doc) {
        from = hi + 1;
        hi += step;
        step <<= 1;
      }
      int at = Arrays.binarySearch(docs, from, Math.min(hi + 1, docs.length), doc);
      if (at >= 0) {
        scores[doc] += boost * values[at];
        from = at + 1;
      } else {
        from = -at - 1;
      }
    }
  }

  /** The n-th highest score among the touched documents (n <= count). */
  private static float nthBest(float[] scores, int[] touched, int count, int n) {
    float[] heap = new float[n];
    for (int i = 0; i < n; i++) {
      heap[i] = scores[touched[i]];
    }
    // Sorted ascending is a valid min-heap: heap[0] is the least of the n best so far.
    Arrays.sort(heap);
    for (int i = n; i < count; i++) {
      float score = scores[touched[i]];
      if (score > heap[0]) {
        heap[0] = score;
        int at = 0;
        while (true) {
          int left = 2 * at + 1;
          if (left >= n) {
            break;
          }
          int child = left + 1 < n && heap[left + 1] < heap[left] ? left + 1 : left;
          if (heap[at] <= heap[child]) {
            break;
          }
          float swap = heap[at];
          heap[at] = heap[child];
          heap[child] = swap;
          at = child;
        }
      }
    }
    return heap[0];
  }

  /** The n best of the touched documents: a bounded min-heap, then sorted best first. */
  private Hit[] top(float[] scores, int[] touched, int count, int n) {
    int size = Math.min(n, count);
    int[] heap = new int[size];
    int filled = 0;
    // The heap's least, kept in locals: most documents lose to it on the score alone.
    float worst = Float.NEGATIVE_INFINITY;
    int worstDoc = -1;
    for (int i = 0; i < count; i++) {
      int doc = touched[i];
      if (filled < size) {
        heap[filled] = doc;
        up(heap, filled++, scores);
        if (filled == size) {
          worstDoc = heap[0];
          worst = scores[worstDoc];
        }
      } else {
        float score = scores[doc];
        if (score > worst || (score == worst && doc < worstDoc)) {
          heap[0] = doc;
          down(heap, size, scores);
          worstDoc = heap[0];
          worst = scores[worstDoc];
        }
      }
    }
    Hit[] hits = new Hit[size];
    for (int i = size - 1; i >= 0; i--) {
      int doc = heap[0];
      hits[i] = new Hit(docIntent[doc], docExample[doc], scores[doc]);
      heap[0] = heap[i];
      down(heap, i, scores);
    }
    return hits;
  }

  /** Higher score first; among equal scores, the lower document first (as Lucene). */
  private static boolean better(int a, int b, float[] scores) {
    return scores[a] > scores[b] || (scores[a] == scores[b] && a < b);
  }

  private static void up(int[] heap, int i, float[] scores) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!better(heap[parent], heap[i], scores)) {
        return;
      }
      swap(heap, i, parent);
      i = parent;
    }
  }

  private static void down(int[] heap, int size, float[] scores) {
    int i = 0;
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      int worst = left + 1 < size && better(heap[left], heap[left + 1], scores) ? left + 1 : left;
      if (!better(heap[i], heap[worst], scores)) {
        return;
      }
      swap(heap, i, worst);
      i = worst;
    }
  }

  private static void swap(int[] heap, int a, int b) {
    int t = heap[a];
    heap[a] = heap[b];
    heap[b] = t;
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
