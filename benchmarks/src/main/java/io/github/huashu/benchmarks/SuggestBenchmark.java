package io.github.huashu.benchmarks;

import io.github.huashu.KnowledgeBase;
import io.github.huashu.Suggester;
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
 * The matching hot path, single thread, over the same corpus and the same rotating questions (the
 * sample's 660 held-out questions, rewritten for the synthetic corpora, or the training half of the
 * real shopper messages, see {@link #questions}): the whole pipeline with the cache off ({@code
 * suggest}) and with every question already cached ({@code suggestCached}), and the plain way
 * ({@code baselineBm25}: Lucene, smartcn, BM25, nearest example). The engine's parts alone are
 * timed by {@link EngineBenchmark}. Sample time mode, so JMH reports p50 and p99.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx6g"})
public class SuggestBenchmark {

  @Param({"sample", "1000", "10000"})
  public String intents;

  /**
   * The questions: {@code heldout}, the sample's held-out questions (rewritten for a synthetic
   * corpus); {@code real}, the training half of the real shopper messages as written (long
   * messages, order and phone numbers, greetings), asked of any corpus as they are.
   */
  @Param({"heldout", "real"})
  public String questions;

  private Suggester suggester;
  private Suggester cached;
  private Bm25Baseline baseline;
  private List<String> asked;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    KnowledgeBase kb = Corpora.load(Corpora.folder(intents));
    suggester = Suggester.builder(kb).build();
    asked = Corpora.questions(intents, questions);
    cached = Suggester.builder(kb).cache(2L * asked.size()).build();
    asked.forEach(cached::suggest);
    baseline = new Bm25Baseline(kb.intents());
  }

  private int nextIndex() {
    int i = next;
    next = next + 1 == asked.size() ? 0 : next + 1;
    return i;
  }

  @Benchmark
  public void suggest(Blackhole blackhole) {
    blackhole.consume(suggester.suggest(asked.get(nextIndex())));
  }

  @Benchmark
  public void suggestCached(Blackhole blackhole) {
    blackhole.consume(cached.suggest(asked.get(nextIndex())));
  }

  @Benchmark
  public void baselineBm25(Blackhole blackhole) {
    blackhole.consume(baseline.rank(asked.get(nextIndex()), 3));
  }
}
