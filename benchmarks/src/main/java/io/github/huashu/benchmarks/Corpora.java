package io.github.huashu.benchmarks;

import io.github.huashu.CorpusException;
import io.github.huashu.EvalCase;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.sample.SampleCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

  /**
   * The questions to ask: {@code heldout}, the held-out questions rewritten for the corpus ({@link
   * #questions(String)}); {@code real}, the training half of the labelled real shopper messages
   * ({@code real-shoppers.tsv} of the sample corpus, as written: long messages, order numbers,
   * phone numbers and greetings that the metadata stripping and the analysis must read). The
   * held-out half of the real messages is never read here.
   */
  static List<String> questions(String intents, String kind) {
    return switch (kind) {
      case "heldout" -> questions(intents);
      case "real" -> realShoppers();
      default ->
          throw new IllegalArgumentException(
              "expected questions 'heldout' or 'real' but was '" + kind + "'");
    };
  }

  /** The messages of the sample corpus's real-shoppers.tsv (its first column), in file order. */
  static List<String> realShoppers() {
    try {
      Path dir = Files.createTempDirectory("huashu-bench-real-");
      SampleCorpus.copyTo(dir);
      List<String> messages = new ArrayList<>();
      for (String line :
          Files.readAllLines(dir.resolve("real-shoppers.tsv"), StandardCharsets.UTF_8)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        String message = tab < 0 ? line : line.substring(0, tab);
        if (!message.isBlank()) {
          messages.add(message);
        }
      }
      return List.copyOf(messages);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
