package io.github.huashu.cli;

import io.github.huashu.KnowledgeBase;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {
      "Train on a corpus once and save the trained knowledge base as a snapshot file.",
      "`ask`, `eval` and `chat` open it with --kb FILE in a fraction of the load time."
    })
final class BuildCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin CorpusOptions corpus = new CorpusOptions();

  @Option(
      names = "--out",
      paramLabel = "FILE",
      required = true,
      description = "The snapshot to write; replaced atomically if it exists.")
  Path out;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    KnowledgeBase kb = corpus.load(err);
    if (kb == null) {
      return Huashu.PROBLEMS;
    }
    long trained = System.nanoTime();
    long size;
    try {
      kb.save(out);
      size = Files.size(out);
    } catch (IOException e) {
      err.println("error: cannot write the snapshot '" + out + "': " + e.getMessage());
      return Huashu.PROBLEMS;
    }
    long saved = System.nanoTime();
    stdout.println(
        String.format(
            Locale.ROOT,
            "wrote %s: %d intents, kb_version %s, %s; trained in %.1f s, saved in %.1f s",
            out,
            kb.intents().size(),
            kb.version(),
            size(size),
            (trained - start) / 1e9,
            (saved - trained) / 1e9));
    return 0;
  }

  private static String size(long bytes) {
    return bytes < 1 << 20
        ? String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0)
        : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
  }
}
