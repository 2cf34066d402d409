package io.github.huashu.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import io.github.huashu.EvalCase;
import io.github.huashu.EvalReport;
import io.github.huashu.Evaluation;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.Suggester;
import io.github.huashu.sample.SampleCorpus;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Matching quality on a synthetic corpus: the sample's held-out questions rewritten for the
 * corpus's product variants ({@link SyntheticCorpus#cases}, fixed seed), evaluated as {@code huashu
 * eval} does, with the time the load took and the heap in use after it. Run as {@code java -cp
 * benchmarks/target/benchmarks.jar io.github.huashu.benchmarks.SyntheticEval 1000|10000 [DIR]}; a
 * DIR that already holds the corpus is reused (else it is written there).
 */
public final class SyntheticEval {

  private SyntheticEval() {}

  public static void main(String[] args) throws Exception {
    int intents = Integer.parseInt(args[0]);
    Path folder = args.length > 1 ? Path.of(args[1]) : null;
    // The sample knowledge base is only needed to write the corpus and rewrite the questions: it
    // is let go before the load is measured.
    List<EvalCase> cases = prepare(intents, folder);
    if (folder == null) {
      folder = Corpora.folder(Integer.toString(intents));
    }
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    KnowledgeBase kb = Corpora.load(folder);
    long loaded = System.nanoTime();
    long loadCpu = os.getProcessCpuTime() - cpu;
    EvalReport r = Evaluation.run(Suggester.builder(kb).build(), cases);
    System.out.printf(
        Locale.ROOT,
        "%d intents: load %d ms (cpu %d ms, load average %.1f); cases %d (in scope %d): top1 %.4f"
            + " top3 %.4f mrr %.4f accuracy %.4f oosF1 %.4f answered %.4f matchPrecision %.4f"
            + " clarify %.4f%n",
        kb.intents().size(),
        (loaded - start) / 1_000_000,
        loadCpu / 1_000_000,
        os.getSystemLoadAverage(),
        r.n(),
        r.inScope(),
        r.top1(),
        r.top3(),
        r.mrr(),
        r.accuracy(),
        r.oosF1(),
        r.answered(),
        r.matchPrecision(),
        r.clarifyShare());
  }

  private static List<EvalCase> prepare(int intents, Path folder) throws IOException {
    // Only the sample's intents and examples are read: a snapshot of it, where there is one.
    Path snapshot = Path.of(System.getProperty("java.io.tmpdir"), "huashu-sample.huashu");
    KnowledgeBase sample;
    if (Files.isRegularFile(snapshot)) {
      sample = KnowledgeBase.open(snapshot);
    } else {
      sample = SampleCorpus.load();
      sample.save(snapshot);
    }
    if (folder != null && !Files.isDirectory(folder)) {
      SyntheticCorpus.write(sample, intents, folder);
    }
    return SyntheticCorpus.cases(sample, SampleCorpus.heldOut(), intents);
  }
}
