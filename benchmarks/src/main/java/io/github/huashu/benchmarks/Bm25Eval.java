package io.github.huashu.benchmarks;

import io.github.huashu.CorpusException;
import io.github.huashu.EvalCase;
import io.github.huashu.KnowledgeBase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Matching quality of the plain way ({@link Bm25Baseline}: smartcn, BM25, the nearest example's
 * intent) on held-out cases, as {@code huashu eval} measures Huashu: top1 and top3 over the
 * in-scope cases. It always answers, so it has no decisions to report.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.huashu.benchmarks.Bm25Eval CORPUS_DIR CASES
 * </pre>
 */
public final class Bm25Eval {

  private Bm25Eval() {}

  public static void main(String[] args) throws IOException, CorpusException {
    if (args.length != 2) {
      System.err.println("usage: Bm25Eval CORPUS_DIR CASES");
      System.exit(2);
    }
    KnowledgeBase kb = KnowledgeBase.loader().repairTypos(false).load(Path.of(args[0]));
    List<EvalCase> cases = EvalCase.read(Path.of(args[1]));
    Bm25Baseline baseline = new Bm25Baseline(kb.intents());
    int inScope = 0;
    int top1 = 0;
    int top3 = 0;
    for (EvalCase c : cases) {
      if (!c.inScope()) {
        continue;
      }
      inScope++;
      List<String> ranked = baseline.rank(c.question(), 3);
      top1 += !ranked.isEmpty() && ranked.get(0).equals(c.expected()) ? 1 : 0;
      top3 += ranked.contains(c.expected()) ? 1 : 0;
    }
    System.out.printf(
        Locale.ROOT,
        "in scope %d  top1 %.1f%%  top3 %.1f%%%n",
        inScope,
        100.0 * top1 / inScope,
        100.0 * top3 / inScope);
  }
}
