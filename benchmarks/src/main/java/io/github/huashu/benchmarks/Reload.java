package io.github.huashu.benchmarks;

import io.github.huashu.CorpusException;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.server.SuggestionServer;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A reload in the middle of a {@link ServerLoad} run: from the run's start it loads the corpus
 * afresh in the background (under the load, as a reload does: its training takes CPU from the
 * server while the run is measured), and swaps it in half-way, or as soon as it is loaded if that
 * is later. Thread-safe: {@link #run} runs on one thread, the others read what it recorded.
 */
final class Reload {
  private final SuggestionServer server;
  private final Path corpus;
  private final long runMillis;
  private volatile KnowledgeBase loaded;
  private volatile long loadMillis;
  private volatile long atMillis;

  Reload(SuggestionServer server, Path corpus, long runMillis) {
    this.server = server;
    this.corpus = corpus;
    this.runMillis = runMillis;
  }

  void run() {
    long start = System.nanoTime();
    try {
      long t0 = System.nanoTime();
      KnowledgeBase fresh = KnowledgeBase.load(corpus);
      loadMillis = (System.nanoTime() - t0) / 1_000_000;
      long wait = runMillis / 2 - (System.nanoTime() - start) / 1_000_000;
      if (wait > 0) {
        Thread.sleep(wait);
      }
      server.swap(fresh);
      loaded = fresh;
      atMillis = (System.nanoTime() - start) / 1_000_000;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (CorpusException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether the freshly loaded knowledge base was swapped in while the load still ran and answers
   * now.
   */
  boolean swappedDuringTheRun(KnowledgeBase first) {
    return loaded != null
        && loaded != first
        && atMillis < runMillis
        && server.knowledgeBase().filter(kb -> kb == loaded).isPresent();
  }

  @Override
  public String toString() {
    return loaded == null
        ? "reload: did not happen"
        : String.format(
            Locale.ROOT,
            "reload: a fresh knowledge base (%s) loaded in %d ms under the load and swapped in"
                + " at %.1f s of %.1f s%s",
            loaded.version(),
            loadMillis,
            atMillis / 1000.0,
            runMillis / 1000.0,
            atMillis < runMillis ? "" : " (after the run: lengthen --duration)");
  }
}
