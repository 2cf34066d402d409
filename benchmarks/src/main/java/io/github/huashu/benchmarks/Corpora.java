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

/** The corpora the benchmarks run on: {@code sample}, or a synthetic corpus of that many intents. */
final class Corpora {

  private Corpora() {}

  /** A folder holding the corpus, written afresh. */
  static Path folder(String intents) {
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
    if (intents.equals("sample")) {
      return heldOut.stream().map(EvalCase::question).toList();
    }
    return SyntheticCorpus.questions(SampleCorpus.load(), heldOut, Integer.parseInt(intents));
  }
}
