package io.github.huashu.benchmarks;

import io.github.huashu.KnowledgeBase;
import java.util.Locale;

/**
 * Prints the heap a loaded knowledge base retains: used heap after full collections, with and
 * without it reachable. Run as {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.huashu.benchmarks.Footprint sample|1000|10000}.
 */
public final class Footprint {

  private Footprint() {}

  public static void main(String[] args) throws InterruptedException {
    String intents = args.length == 0 ? "sample" : args[0];
    var folder = Corpora.folder(intents);
    long before = used();
    KnowledgeBase kb = Corpora.load(folder);
    long after = used();
    System.out.printf(
        Locale.ROOT,
        "%s: %d intents, retained heap %.1f MB%n",
        intents,
        kb.intents().size(),
        (after - before) / 1e6);
  }

  private static long used() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
