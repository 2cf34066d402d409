package io.github.huashu.internal.retrieve;

/**
 * The n best documents offered to it, ranked as Lucene ranks hits: higher score first, and among
 * equal scores the lower document. A bounded min-heap whose root is the score to beat.
 *
 * <p>Not thread-safe: one per search.
 */
final class TopHits {

  private final int[] docs;
  private final float[] scores;
  private int size;

  /** Keeps the best {@code n} (at least 0). */
  TopHits(int n) {
    docs = new int[n];
    scores = new float[n];
  }

  /** Whether n documents are kept: from then on a document must beat {@link #worstScore}. */
  boolean full() {
    return size == docs.length;
  }

  /**
   * The least score kept once full (a document with it enters only if it comes before the one
   * kept), else negative infinity.
   */
  float worstScore() {
    return full() ? scores[0] : Float.NEGATIVE_INFINITY;
  }

  /** Offers a document, each at most once. */
  void offer(int doc, float score) {
    if (size < docs.length) {
      int i = size++;
      docs[i] = doc;
      scores[i] = score;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!worse(i, parent)) {
          break;
        }
        swap(i, parent);
        i = parent;
      }
    } else if (size > 0 && (score > scores[0] || (score == scores[0] && doc < docs[0]))) {
      docs[0] = doc;
      scores[0] = score;
      siftDown();
    }
  }

  /** Moves the root down to its place among the first {@code size}. */
  private void siftDown() {
    int i = 0;
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      int child = left + 1 < size && worse(left + 1, left) ? left + 1 : left;
      if (!worse(child, i)) {
        return;
      }
      swap(i, child);
      i = child;
    }
  }

  /** Lower score, or an equal score on a later document. */
  private boolean worse(int a, int b) {
    return scores[a] < scores[b] || (scores[a] == scores[b] && docs[a] > docs[b]);
  }

  private void swap(int a, int b) {
    int doc = docs[a];
    docs[a] = docs[b];
    docs[b] = doc;
    float score = scores[a];
    scores[a] = scores[b];
    scores[b] = score;
  }

  /**
   * The documents kept, best first, as hits of their intents and examples. Empties this: the heap
   * gives up its least until none is left.
   */
  ExampleIndex.Hit[] hits(int[] docIntent, int[] docExample) {
    ExampleIndex.Hit[] hits = new ExampleIndex.Hit[size];
    while (size > 0) {
      int doc = docs[0];
      hits[size - 1] = new ExampleIndex.Hit(docIntent[doc], docExample[doc], scores[0]);
      size--;
      docs[0] = docs[size];
      scores[0] = scores[size];
      siftDown();
    }
    return hits;
  }
}
