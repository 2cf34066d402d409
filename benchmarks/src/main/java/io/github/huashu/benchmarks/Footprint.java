package io.github.huashu.benchmarks;

import io.github.huashu.KnowledgeBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints the heap a loaded knowledge base retains: used heap after full collections, with and
 * without it reachable. Run as {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.huashu.benchmarks.Footprint sample|1000|10000 [snapshot]}; with {@code snapshot}, the
 * knowledge base is saved, let go, and what is measured is the one opened from the snapshot (with
 * the snapshot's size and the time to open it).
 */
public final class Footprint {

  private Footprint() {}

  public static void main(String[] args) throws InterruptedException, IOException {
    String intents = args.length == 0 ? "sample" : args[0];
    var folder = Corpora.folder(intents);
    if (args.length > 1 && args[1].equals("snapshot")) {
      Path file = Files.createTempFile("huashu-footprint-", ".huashu");
      Corpora.load(folder).save(file);
      long before = used();
      long start = System.nanoTime();
      KnowledgeBase kb = KnowledgeBase.open(file);
      long opened = System.nanoTime();
      long after = used();
      System.out.printf(
          Locale.ROOT,
          "%s snapshot: %d intents, %.1f MB file, opened in %d ms, retained heap %.1f MB%n",
          intents,
          kb.intents().size(),
          Files.size(file) / 1e6,
          (opened - start) / 1_000_000,
          (after - before) / 1e6);
      Files.delete(file);
      return;
    }
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
