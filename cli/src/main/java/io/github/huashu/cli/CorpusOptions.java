package io.github.huashu.cli;

import io.github.huashu.CorpusException;
import io.github.huashu.CorpusProblem;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.analyzers.ChineseAnalyzers.Segmenter;
import io.github.huashu.sample.SampleCorpus;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every command shares: which corpus, analysed how. Commands that only answer take
 * {@link KnowledgeBaseOptions}, which adds a saved snapshot as an alternative.
 */
class CorpusOptions {

  @Option(
      names = "--corpus",
      paramLabel = "DIR",
      description =
          "Corpus folder (YAML/JSON scenario files and TSV examples). Default: the bundled sample corpus.")
  Path corpus;

  @Option(
      names = "--segmenter",
      paramLabel = "NAME",
      description = "Word segmenter: ${COMPLETION-CANDIDATES}. Default: HANLP.")
  Segmenter segmenter;

  @Option(
      names = "--no-typo-repair",
      description = "Match questions as typed, without repairing pinyin typos (推货 → 退货).")
  boolean noTypoRepair;

  @Option(
      names = "--scoring",
      paramLabel = "AUTO|CLASSIFIER|CENTROIDS",
      description =
          "How intents are scored: a classifier (most accurate), centroids (fast to load for thousands of intents), or AUTO (classifier up to 250 intents). Default: AUTO.")
  KnowledgeBase.Scoring scoring;

  /** Loads the knowledge base, or prints every problem to {@code err} and returns null. */
  KnowledgeBase load(PrintWriter err) {
    KnowledgeBase.Loader loader = loader();
    if (corpus == null) {
      return SampleCorpus.load(loader);
    }
    try {
      return loader.load(corpus);
    } catch (CorpusException e) {
      printProblems(err, e);
      return null;
    }
  }

  /** A loader with these options. */
  KnowledgeBase.Loader loader() {
    KnowledgeBase.Loader loader = KnowledgeBase.loader();
    if (segmenter != null) {
      loader.segmenter(segmenter);
    }
    if (noTypoRepair) {
      loader.repairTypos(false);
    }
    if (scoring != null) {
      loader.scoring(scoring);
    }
    return loader;
  }

  static void printProblems(PrintWriter err, CorpusException e) {
    int count = e.problems().size();
    err.println("error: " + count + (count == 1 ? " problem" : " problems") + ":");
    for (CorpusProblem problem : e.problems()) {
      err.println(problem);
    }
  }
}
