package io.github.huashu.benchmarks;

import io.github.huashu.EvalCase;
import io.github.huashu.Intent;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.analyzers.ChineseAnalyzers;
import io.github.huashu.analyzers.ChineseNormalizer;
import io.github.huashu.analyzers.PinyinSpeller;
import io.github.huashu.sample.SampleCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Analysis alone: one shopper question through a query analyzer with the sample corpus's words, as
 * the engine runs it. {@code segmenter} compares HanLP with smartcn, {@code speller} the cost of
 * pinyin typo repair. The primary figure is questions per second; the {@code chars} counter is the
 * same run in characters per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AnalysisBenchmark {

  @Param({"HANLP", "SMARTCN"})
  public ChineseAnalyzers.Segmenter segmenter;

  @Param({"off", "on"})
  public String speller;

  private Analyzer analyzer;
  private List<String> questions;
  private int next;

  /** Characters analysed, reported by JMH per second next to the primary figure. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    public long chars;

    @Setup(Level.Iteration)
    public void reset() {
      chars = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    KnowledgeBase kb = SampleCorpus.load();
    Set<String> words = new LinkedHashSet<>();
    for (Intent intent : kb.intents()) {
      words.add(intent.name());
      words.addAll(intent.terms());
    }
    ChineseAnalyzers.Builder builder =
        ChineseAnalyzers.builder().segmenter(segmenter).customWords(words);
    if (speller.equals("on")) {
      builder.speller(speller(kb, words));
    }
    analyzer = builder.build();
    questions = SampleCorpus.heldOut().stream().map(EvalCase::question).toList();
  }

  /** A speller built as the engine builds it: words of two or more examples, and the terms. */
  private PinyinSpeller speller(KnowledgeBase kb, Set<String> words) {
    Map<String, Integer> frequency = new HashMap<>();
    List<String> texts = new ArrayList<>();
    try (Analyzer plain =
        ChineseAnalyzers.builder().segmenter(segmenter).customWords(words).build()) {
      for (Intent intent : kb.intents()) {
        for (String example : intent.examples()) {
          texts.add(ChineseNormalizer.normalize(example));
          for (String token : new LinkedHashSet<>(tokens(plain, example))) {
            frequency.merge(token, 1, Integer::sum);
          }
        }
      }
    }
    return PinyinSpeller.forCorpus(frequency, words, texts);
  }

  private static List<String> tokens(Analyzer analyzer, String text) {
    List<String> tokens = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        tokens.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tokens;
  }

  @Benchmark
  public void analyze(Counters counters, Blackhole blackhole) throws IOException {
    String question = questions.get(next);
    next = next + 1 == questions.size() ? 0 : next + 1;
    try (TokenStream stream = analyzer.tokenStream("", question)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        blackhole.consume(term.length());
      }
      stream.end();
    }
    counters.chars += question.length();
  }
}
