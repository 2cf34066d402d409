package io.github.huashu.benchmarks;

import io.github.huashu.EvalCase;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.Suggester;
import io.github.huashu.sample.SampleCorpus;
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
 * The whole pipeline against the plain way (Lucene + smartcn + BM25 nearest example), over the same
 * corpus and the same rotating questions: the sample corpus's held-out questions.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SuggestBenchmark {

  @Param({"sample"})
  public String intents;

  private Suggester suggester;
  private Bm25Baseline baseline;
  private List<String> questions;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    KnowledgeBase kb = SampleCorpus.load();
    suggester = Suggester.builder(kb).build();
    baseline = new Bm25Baseline(kb.intents());
    questions = SampleCorpus.heldOut().stream().map(EvalCase::question).toList();
  }

  private String nextQuestion() {
    String question = questions.get(next);
    next = next + 1 == questions.size() ? 0 : next + 1;
    return question;
  }

  @Benchmark
  public void suggest(Blackhole blackhole) {
    blackhole.consume(suggester.suggest(nextQuestion()));
  }

  @Benchmark
  public void baselineBm25(Blackhole blackhole) {
    blackhole.consume(baseline.rank(nextQuestion(), 3));
  }
}
