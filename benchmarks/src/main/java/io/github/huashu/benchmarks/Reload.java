package io.github.huashu.benchmarks;

import io.github.huashu.CorpusException;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.server.SuggestionServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A reload in the middle of a {@link ServerLoad} run: it opens a snapshot of the knowledge base
 * half-way through the run (as a service started with {@code --kb} reloads), or with {@code
 * --reload-corpus} loads and trains the corpus afresh from the run's start (its training then takes
 * CPU from the server while the run is measured), and swaps the fresh knowledge base in half-way,
 * or as soon as it is loaded if that is later. Thread-safe: {@link #run} runs on one thread, the
 * others read what it recorded.
 */
final class Reload {
  private final SuggestionServer server;
  private final Path source;
  private final boolean snapshot;
  private final long runMillis;
  private volatile KnowledgeBase loaded;
  private volatile long loadMillis;
  private volatile long atMillis;

  /**
   * @param source a snapshot file when {@code snapshot}, else a corpus folder
   */
  Reload(SuggestionServer server, Path source, boolean snapshot, long runMillis) {
    this.server = server;
    this.source = source;
    this.snapshot = snapshot;
    this.runMillis = runMillis;
  }

  void run() {
    long start = System.nanoTime();
    try {
      if (snapshot) {
        Thread.sleep(runMillis / 2);
      }
      long t0 = System.nanoTime();
      KnowledgeBase fresh = snapshot ? KnowledgeBase.open(source) : KnowledgeBase.load(source);
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
    } catch (CorpusException | IOException e) {
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
            "reload: a fresh knowledge base (%s) %s in %d ms under the load and swapped in"
                + " at %.1f s of %.1f s%s",
            loaded.version(),
            snapshot ? "opened from a snapshot" : "loaded and trained from the corpus",
            loadMillis,
            atMillis / 1000.0,
            runMillis / 1000.0,
            atMillis < runMillis ? "" : " (after the run: lengthen --duration)");
  }
}
