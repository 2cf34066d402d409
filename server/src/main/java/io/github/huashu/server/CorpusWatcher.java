package io.github.huashu.server;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import io.github.huashu.CorpusException;
import io.github.huashu.SnapshotException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the corpus folder and its subfolders ({@link WatchService}), or the folder of the
 * snapshot file for changes of that file, and reloads once the files have been quiet for the quiet
 * period, so that an editor's save (or a {@code git pull} touching many files) gives one reload,
 * not one per file. A corpus with problems, or a snapshot that cannot be opened, is logged (by the
 * {@link Reloader}) at WARN and the old one serves on. Runs on its own daemon thread until closed.
 * Thread-safe.
 */
final class CorpusWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CorpusWatcher.class);

  private final Reloader reloader;
  private final long quietNanos;
  private final WatchService watch;
  private final Thread thread;

  CorpusWatcher(Reloader reloader, Duration quietPeriod) {
    this.reloader = reloader;
    this.quietNanos = quietPeriod.toNanos();
    try {
      this.watch = FileSystems.getDefault().newWatchService();
      if (reloader.snapshot()) {
        // A snapshot is replaced by a move into place: watch its folder, not the file.
        folderOf(reloader.source()).register(watch, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
      } else {
        registerTree(reloader.source());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot watch " + reloader.source(), e);
    }
    this.thread = new Thread(this::run, "huashu-corpus-watcher");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
    LOG.info("watching {} for changes", reloader.source());
  }

  private static Path folderOf(Path file) {
    Path folder = file.toAbsolutePath().getParent();
    return folder == null ? file.toAbsolutePath() : folder;
  }

  private void registerTree(Path root) throws IOException {
    try (Stream<Path> folders = Files.walk(root)) {
      for (Path folder : (Iterable<Path>) folders.filter(Files::isDirectory)::iterator) {
        folder.register(watch, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
      }
    }
  }

  private void run() {
    try {
      while (true) {
        WatchKey key = watch.take();
        if (!drain(key)) {
          continue;
        }
        // Wait until nothing has changed for the quiet period.
        long quietUntil = System.nanoTime() + quietNanos;
        while (true) {
          long left = quietUntil - System.nanoTime();
          if (left <= 0) {
            break;
          }
          WatchKey more = watch.poll(left, TimeUnit.NANOSECONDS);
          if (more != null && drain(more)) {
            quietUntil = System.nanoTime() + quietNanos;
          }
        }
        reload();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // Closed: stop watching.
    }
  }

  /**
   * Takes a key's events; registers the folders created. Returns whether one concerns the source:
   * any for a corpus folder, the file's for a snapshot (not its temporary file).
   */
  private boolean drain(WatchKey key) {
    Path folder = (Path) key.watchable();
    boolean relevant = false;
    for (WatchEvent<?> event : key.pollEvents()) {
      if (reloader.snapshot()) {
        relevant |=
            event.kind() == OVERFLOW
                || event.context() instanceof Path name
                    && name.equals(reloader.source().getFileName());
        continue;
      }
      relevant = true;
      if (event.kind() == ENTRY_CREATE && event.context() instanceof Path name) {
        Path created = folder.resolve(name);
        if (Files.isDirectory(created)) {
          try {
            registerTree(created);
          } catch (IOException e) {
            LOG.warn("cannot watch the new folder {}", created, e);
          }
        }
      }
    }
    key.reset();
    return relevant;
  }

  private void reload() {
    try {
      reloader.reload(true);
    } catch (CorpusException | SnapshotException e) {
      // The reloader logged every problem; the old knowledge base serves on.
    } catch (Reloader.Busy e) {
      throw new AssertionError("a waiting reload is never busy", e);
    } catch (RuntimeException e) {
      LOG.error("reloading the changed {} failed", reloader.source(), e);
    }
  }

  @Override
  public void close() {
    try {
      watch.close();
    } catch (IOException e) {
      LOG.debug("closing the watch service failed", e);
    }
    thread.interrupt();
  }
}
