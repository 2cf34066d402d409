package io.github.huashu.benchmarks;

import io.github.huashu.CorpusException;
import io.github.huashu.EvalCase;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.sample.SampleCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The corpora the benchmarks run on: {@code sample}, a synthetic corpus of that many intents, or a
 * corpus folder of one's own (an absolute path, asked the sample's held-out questions), to compare
 * two corpora or two versions of one.
 */
final class Corpora {

  private Corpora() {}

  /** A folder holding the corpus, written afresh. */
  static Path folder(String intents) {
    if (isFolder(intents)) {
      return Path.of(intents);
    }
    try {
      Path dir = Files.createTempDirectory("huashu-bench-" + intents + "-");
      if (intents.equals("sample")) {
        SampleCorpus.copyTo(dir);
      } else {
        SyntheticCorpus.write(SampleCorpus.load(), Integer.parseInt(intents), dir);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isFolder(String intents) {
    return intents.startsWith("/") && Files.isDirectory(Path.of(intents));
  }

  static KnowledgeBase load(Path folder) {
    try {
      return KnowledgeBase.load(folder);
    } catch (CorpusException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Held-out questions rewritten for the corpus (as they are for the sample). */
  static List<String> questions(String intents) {
    List<EvalCase> heldOut = SampleCorpus.heldOut();
    if (intents.equals("sample") || isFolder(intents)) {
      return heldOut.stream().map(EvalCase::question).toList();
    }
    return SyntheticCorpus.questions(SampleCorpus.load(), heldOut, Integer.parseInt(intents));
  }
}
