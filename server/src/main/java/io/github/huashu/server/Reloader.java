package io.github.huashu.server;

import io.github.huashu.CorpusException;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.SnapshotException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the corpus folder, or the snapshot file the server was started from: loads and validates
 * the new corpus (or opens the snapshot, checking its checksum) beside the one serving, then swaps
 * it in atomically ({@link SuggestionServer#swap}); requests in flight finish on the old one. A
 * corpus with problems is refused with all of them, a snapshot that cannot be opened with the
 * reason, and the old one keeps serving; a knowledge base unchanged (same {@code kb_version}) is
 * not swapped, so its answer cache stays warm. One reload at a time: the admin endpoint is refused
 * while another runs, the watcher waits its turn. Thread-safe.
 */
final class Reloader {

  private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);

  /** What a reload did. */
  enum Status {
    /** A new knowledge base serves. */
    RELOADED,
    /** The corpus has not changed: the same knowledge base serves on. */
    UNCHANGED
  }

  /**
   * A reload that succeeded.
   *
   * @param status whether a new knowledge base serves
   * @param previousVersion the version that served before ({@code null} if none did)
   * @param version the version serving now
   * @param intents its intents
   * @param millis how long loading, validating and training took
   */
  record Outcome(Status status, String previousVersion, String version, int intents, long millis) {}

  /** Another reload is running. */
  static final class Busy extends Exception {
    private static final long serialVersionUID = 1L;

    Busy() {
      super("a reload is running already", null, false, false);
    }
  }

  private final Path source;
  private final KnowledgeBase.Loader loader; // null: source is a snapshot file
  private final SuggestionServer server;
  private final Metrics metrics;
  private final ReentrantLock lock = new ReentrantLock();

  private Reloader(
      Path source, KnowledgeBase.Loader loader, SuggestionServer server, Metrics metrics) {
    this.source = source;
    this.loader = loader;
    this.server = server;
    this.metrics = metrics;
  }

  /** Reloads by loading the corpus in {@code folder} with {@code loader}. */
  static Reloader ofCorpus(
      Path folder, KnowledgeBase.Loader loader, SuggestionServer server, Metrics metrics) {
    return new Reloader(folder, loader, server, metrics);
  }

  /** Reloads by opening the snapshot {@code file} again. */
  static Reloader ofSnapshot(Path file, SuggestionServer server, Metrics metrics) {
    return new Reloader(file, null, server, metrics);
  }

  /** The corpus folder or the snapshot file. */
  Path source() {
    return source;
  }

  /** Whether {@link #source()} is a snapshot file rather than a corpus folder. */
  boolean snapshot() {
    return loader == null;
  }

  /**
   * Reloads the corpus or the snapshot.
   *
   * @param wait whether to wait for a reload that is running, else refuse at once
   * @throws Busy if another reload is running and {@code wait} is false
   * @throws CorpusException with every problem of the new corpus; the old one serves on
   * @throws SnapshotException if the snapshot cannot be opened; the old one serves on
   */
  Outcome reload(boolean wait) throws Busy, CorpusException, SnapshotException {
    if (wait) {
      lock.lock();
    } else if (!lock.tryLock()) {
      throw new Busy();
    }
    try {
      long start = System.nanoTime();
      KnowledgeBase kb;
      try {
        kb = loader == null ? KnowledgeBase.open(source) : loader.load(source);
      } catch (CorpusException | SnapshotException | RuntimeException e) {
        metrics.reloaded(false);
        LOG.warn(
            "reloading {} failed; the old knowledge base serves on: {}", source, e.getMessage());
        throw e;
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      Optional<KnowledgeBase> current = server.knowledgeBase();
      String previous = current.map(KnowledgeBase::version).orElse(null);
      metrics.reloaded(true);
      if (kb.version().equals(previous)) {
        LOG.info("reloaded {}: unchanged, {} serves on", source, previous);
        return new Outcome(
            Status.UNCHANGED, previous, previous, current.get().intents().size(), millis);
      }
      server.swap(kb);
      LOG.info("reloaded {} in {} ms: {} serves (was {})", source, millis, kb.version(), previous);
      return new Outcome(Status.RELOADED, previous, kb.version(), kb.intents().size(), millis);
    } finally {
      lock.unlock();
    }
  }
}
