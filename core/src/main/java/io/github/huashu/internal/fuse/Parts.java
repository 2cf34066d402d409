package io.github.huashu.internal.fuse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;

/**
 * Runs the independent parts of one piece of training on the load's pool. The calling thread runs
 * the first part and then every part no pool thread has started yet, so a task of the pool may
 * split its own work on that pool: it never waits for a part that only it could run. Stateless.
 */
final class Parts {

  private Parts() {}

  /** Runs the parts, on the executor where it has a thread free (null: all on this thread). */
  static void run(Executor executor, List<Runnable> parts) {
    if (executor == null) {
      parts.forEach(Runnable::run);
      return;
    }
    List<FutureTask<Void>> others = new ArrayList<>();
    for (Runnable part : parts.subList(1, parts.size())) {
      FutureTask<Void> task = new FutureTask<>(part, null);
      others.add(task);
      executor.execute(task);
    }
    parts.get(0).run();
    try {
      for (FutureTask<Void> task : others) {
        // Runs the part here unless a pool thread has started it (then waits for that thread).
        task.run();
        task.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while training", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw new IllegalStateException("training failed", e.getCause());
    }
  }

  /** The range {@code [0, n)} in {@code count} parts, each running {@code part} on its range. */
  static List<Runnable> ranges(int n, int count, RangeTask part) {
    List<Runnable> parts = new ArrayList<>(count);
    for (int p = 0; p < count; p++) {
      int from = (int) ((long) n * p / count);
      int to = (int) ((long) n * (p + 1) / count);
      parts.add(() -> part.run(from, to));
    }
    return parts;
  }

  /** Work on the items {@code [from, to)}. */
  interface RangeTask {
    void run(int from, int to);
  }
}
