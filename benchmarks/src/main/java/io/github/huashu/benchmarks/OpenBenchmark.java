package io.github.huashu.benchmarks;

import io.github.huashu.KnowledgeBase;
import io.github.huashu.SnapshotException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Opening a snapshot that {@link KnowledgeBase#save(Path)} wrote: reading and checking the file,
 * building the runtime objects, no training. The same corpora as {@link LoadBenchmark}, to read
 * beside it; the snapshot is saved once per trial. One shot per iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx6g"})
public class OpenBenchmark {

  @Param({"sample", "1000", "10000"})
  public String intents;

  private Path snapshot;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    // The parameter may be a corpus folder's path: only its last name goes into the file's.
    snapshot =
        Files.createTempFile("huashu-bench-" + Path.of(intents).getFileName() + "-", ".huashu");
    Corpora.load(Corpora.folder(intents)).save(snapshot);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(snapshot);
  }

  @Benchmark
  public KnowledgeBase open() {
    try {
      return KnowledgeBase.open(snapshot);
    } catch (SnapshotException e) {
      throw new UncheckedIOException(e);
    }
  }
}
