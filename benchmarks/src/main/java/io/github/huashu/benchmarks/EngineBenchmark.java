package io.github.huashu.benchmarks;

import io.github.huashu.analyzers.ChineseAnalyzers.Segmenter;
import io.github.huashu.analyzers.ChineseNormalizer;
import io.github.huashu.internal.corpus.CorpusReader;
import io.github.huashu.internal.fuse.Engine;
import io.github.huashu.internal.normalize.MessageMetadata;
import io.github.huashu.internal.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The engine's parts alone, on the questions {@link SuggestBenchmark} asks: analysis (segmentation,
 * typo repair, features), classification and retrieval. The engine is trained from the corpus by
 * the library's internal trainer, as {@code KnowledgeBase.load} does with default options (the
 * benchmarks module reaches internals on the class path; the module descriptor does not export them
 * to users). Sample time mode, so JMH reports p50 and p99.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx6g"})
public class EngineBenchmark {

  @Param({"sample", "1000", "10000"})
  public String intents;

  private Engine engine;
  private List<String> questions;
  private List<Engine.Analyzed> analyzed;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path folder = Corpora.folder(intents);
    CorpusReader.Result read = CorpusReader.read(folder);
    if (read.corpus() == null) {
      throw new IllegalStateException("corpus " + folder + " did not load: " + read.problems());
    }
    engine =
        Trainer.train(
            read.corpus(),
            Segmenter.HANLP,
            MessageMetadata.STANDARD.withOwnRules(read.corpus().metadata()),
            true,
            null);
    questions = Corpora.questions(intents);
    analyzed = questions.stream().map(q -> engine.analyze(ChineseNormalizer.normalize(q))).toList();
  }

  private int nextIndex() {
    int i = next;
    next = next + 1 == questions.size() ? 0 : next + 1;
    return i;
  }

  @Benchmark
  public void analyze(Blackhole blackhole) {
    blackhole.consume(engine.analyze(ChineseNormalizer.normalize(questions.get(nextIndex()))));
  }

  @Benchmark
  public double classify() {
    return engine.classify(analyzed.get(nextIndex()));
  }

  @Benchmark
  public float retrieve() {
    return engine.retrieve(analyzed.get(nextIndex()));
  }
}
