package io.github.huashu.cli;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGTERM and SIGINT into a graceful stop of {@code huashu serve}: instead of the JVM's own
 * handling (run the shutdown hooks, then exit 143 or 130), the serve command is told to stop, lets
 * the requests in flight finish and returns, so that the process exits 0. Uses {@code
 * sun.misc.Signal} (module jdk.unsupported, on every JDK); where a signal cannot be handled, the
 * JVM's handling stays and the shutdown hook still stops the server. Restores the previous handlers
 * when closed. Not thread-safe.
 */
final class StopSignals implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  private StopSignals() {}

  static StopSignals install(Runnable stop) {
    StopSignals installed = new StopSignals();
    for (String name : List.of("TERM", "INT")) {
      try {
        Signal signal = new Signal(name);
        installed.previous.add(Signal.handle(signal, s -> stop.run()));
        installed.signals.add(signal);
      } catch (IllegalArgumentException e) {
        LOG.debug("cannot handle SIG{}; the JVM's handling stays", name, e);
      }
    }
    return installed;
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
