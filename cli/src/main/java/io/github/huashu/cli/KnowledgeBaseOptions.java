package io.github.huashu.cli;

import io.github.huashu.KnowledgeBase;
import io.github.huashu.SnapshotException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The corpus options, or a snapshot that {@code huashu build} saved: {@code --kb FILE} opens it in
 * a fraction of the load time. The two exclude each other, and so do {@code --kb} and the analysis
 * options, which a snapshot keeps from its build.
 */
final class KnowledgeBaseOptions extends CorpusOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--kb",
      paramLabel = "FILE",
      description =
          "A trained knowledge base saved by `huashu build`, instead of --corpus: opens without training.")
  Path kb;

  /**
   * Opens the snapshot or loads the corpus, or prints what went wrong to {@code err} and returns
   * null.
   *
   * @throws ParameterException if {@code --kb} is given with a corpus or analysis option
   */
  @Override
  KnowledgeBase load(PrintWriter err) {
    if (kb == null) {
      return super.load(err);
    }
    check();
    try {
      return KnowledgeBase.open(kb);
    } catch (SnapshotException e) {
      err.println("error: " + e.getMessage());
      return null;
    }
  }

  /**
   * Checks that {@code --kb} comes without a corpus or analysis option, before anything is loaded.
   *
   * @throws ParameterException if it does not
   */
  void check() {
    if (kb == null) {
      return;
    }
    List<String> both = new ArrayList<>();
    if (corpus != null) {
      both.add("--corpus");
    }
    if (segmenter != null) {
      both.add("--segmenter");
    }
    if (noTypoRepair) {
      both.add("--no-typo-repair");
    }
    if (scoring != null) {
      both.add("--scoring");
    }
    if (!both.isEmpty()) {
      throw new ParameterException(
          command.commandLine(),
          "expected either --kb FILE or --corpus DIR with its options but was --kb with "
              + String.join(", ", both)
              + " (a snapshot keeps the corpus and the options it was built with)");
    }
  }
}
