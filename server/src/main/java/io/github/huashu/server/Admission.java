package io.github.huashu.server;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admits the work of API requests: at most {@code maxConcurrentRequests} at once (more are refused
 * at once with 503 and {@code Retry-After}, never queued), each answered within the request timeout
 * (else 503). A request that timed out keeps its place until its work has really stopped, so the
 * cap counts what the machine is doing; its worker is interrupted, which a batch reads between
 * questions. Thread-safe.
 */
final class Admission implements AutoCloseable {

  private final Semaphore permits;
  private final int maxConcurrentRequests;
  private final long timeoutNanos;
  private final ThreadPoolExecutor workers;

  Admission(int maxConcurrentRequests, Duration timeout) {
    this.maxConcurrentRequests = maxConcurrentRequests;
    this.permits = new Semaphore(maxConcurrentRequests);
    this.timeoutNanos = timeout.toNanos();
    AtomicInteger count = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            maxConcurrentRequests,
            maxConcurrentRequests,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread thread = new Thread(r, "huashu-request-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    workers.allowCoreThreadTimeOut(true);
  }

  /**
   * The work's result.
   *
   * @throws ProblemException 503 when over the cap or past the timeout, or the work's own problem
   */
  <T> T run(Callable<T> work) {
    if (!permits.tryAcquire()) {
      throw new ProblemException(Problem.overloaded(maxConcurrentRequests));
    }
    Future<T> future;
    try {
      future =
          workers.submit(
              () -> {
                try {
                  return work.call();
                } finally {
                  permits.release();
                }
              });
    } catch (RuntimeException e) {
      permits.release();
      throw e;
    }
    try {
      return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      if (!future.cancel(true)) {
        // Done just as the time ran out: its answer, not a 503 for work that was done (and, for
        // a conversation, kept: the retry would read as the shopper repeating themselves).
        return done(future);
      }
      throw new ProblemException(Problem.timedOut(TimeUnit.NANOSECONDS.toMillis(timeoutNanos)));
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new ProblemException(Problem.timedOut(TimeUnit.NANOSECONDS.toMillis(timeoutNanos)));
    } catch (ExecutionException e) {
      throw failure(e);
    }
  }

  /** The result of work that is done. */
  private static <T> T done(Future<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw failure(e);
    } catch (InterruptedException e) {
      // Never waits: the work is done.
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading a finished request's result", e);
    }
  }

  /** What the work threw, as it threw it. */
  private static RuntimeException failure(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException r) {
      return r;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException("a request's work failed", cause);
  }

  /** Requests being answered now. */
  int inFlight() {
    return maxConcurrentRequests - permits.availablePermits();
  }

  @Override
  public void close() {
    workers.shutdown();
  }
}
