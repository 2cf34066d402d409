package io.github.huashu.benchmarks;

import io.github.huashu.KnowledgeBase;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading a corpus: reading and validating the files, analysing every example, training the
 * classifier and the calibration folds, building the index. One shot per iteration, on all cores
 * (loading trains in parallel).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx6g"})
public class LoadBenchmark {

  @Param({"sample", "1000", "10000"})
  public String intents;

  private Path folder;

  @Setup(Level.Trial)
  public void setUp() {
    folder = Corpora.folder(intents);
  }

  @Benchmark
  public KnowledgeBase load() {
    return Corpora.load(folder);
  }
}
