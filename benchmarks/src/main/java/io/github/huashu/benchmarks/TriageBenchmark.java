package io.github.huashu.benchmarks;

import io.github.huashu.EvalCase;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.Suggester;
import io.github.huashu.cli.triage.LogReader;
import io.github.huashu.cli.triage.Triage;
import io.github.huashu.sample.SampleCorpus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * {@code huashu triage} on a chat log of {@code lines} lines, single shot: reading the file,
 * folding duplicates and near-duplicates, answering each distinct message with a fresh suggester
 * over the sample corpus (loaded once, as a running service would have it), and clustering what was
 * not answered. The log is the sample's held-out questions as shoppers vary them: greetings before,
 * particles after, order numbers inside, so that most lines are near-duplicates of others and a few
 * thousand are distinct.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx3g"})
public class TriageBenchmark {

  @Param({"100000"})
  public int lines;

  private KnowledgeBase kb;
  private Path log;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    kb = SampleCorpus.load();
    List<String> questions = SampleCorpus.heldOut().stream().map(EvalCase::question).toList();
    List<String> before = List.of("", "", "你好，", "请问", "亲，", "在吗 ", "那个");
    List<String> after = List.of("", "", "？", "呢", "啊", "，谢谢", "??");
    Random random = new Random(7);
    List<String> out = new ArrayList<>(lines + 1);
    out.add("message");
    for (int i = 0; i < lines; i++) {
      String q = questions.get(random.nextInt(questions.size()));
      String order =
          random.nextInt(5) == 0 ? " 订单号" + (100_000_000L + random.nextInt(900_000_000)) : "";
      out.add(
          before.get(random.nextInt(before.size()))
              + q
              + order
              + after.get(random.nextInt(after.size())));
    }
    log = Files.createTempFile("huashu-triage-", ".tsv");
    Files.write(log, out, StandardCharsets.UTF_8);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(log);
  }

  @Benchmark
  public Triage.Result triage() throws IOException, LogReader.UsageException {
    LogReader.Log read =
        LogReader.read(log, LogReader.Options.DETECT, new PrintWriter(Writer.nullWriter()));
    Suggester suggester = Suggester.builder(kb).build();
    return Triage.run(suggester, read.messages(), Triage.Options.DEFAULT, () -> {});
  }
}
