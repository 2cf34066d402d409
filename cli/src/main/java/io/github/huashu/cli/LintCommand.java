package io.github.huashu.cli;

import io.github.huashu.CorpusProblem;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.LintReport;
import io.github.huashu.sample.SampleCorpus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = {
      "Check a corpus: every error that stops it loading, and warnings for near-duplicate examples",
      "under different intents, intents with few examples and incomplete bundles.",
      "Exit code 0 when it loads (1 with --strict if there are warnings), 1 when it has errors."
    })
final class LintCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Which corpus; the analysis options are accepted as every command takes them, and unused. */
  @Mixin CorpusOptions options = new CorpusOptions();

  @Option(
      names = "--min-examples",
      paramLabel = "N",
      defaultValue = "10",
      description = "Warn about intents with fewer examples. Default: ${DEFAULT-VALUE}.")
  int minExamples;

  @Option(names = "--strict", description = "Fail on warnings too.")
  boolean strict;

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (minExamples < 1) {
      spec.commandLine()
          .getErr()
          .println("error: expected --min-examples >= 1 but was " + minExamples);
      return 2;
    }
    LintReport report;
    if (options.corpus != null) {
      report = KnowledgeBase.lint(options.corpus, minExamples);
    } else {
      Path copy = Files.createTempDirectory("huashu-sample");
      try {
        SampleCorpus.copyTo(copy);
        report = KnowledgeBase.lint(copy, minExamples);
      } finally {
        try (var files = Files.list(copy)) {
          for (Path file : (Iterable<Path>) files::iterator) {
            Files.delete(file);
          }
        }
        Files.delete(copy);
      }
    }
    for (CorpusProblem problem : report.problems()) {
      out.println(problem);
    }
    out.println(
        count(report.intents(), "intent")
            + ", "
            + count(report.examples(), "example")
            + ": "
            + count(report.errors().size(), "error")
            + ", "
            + count(report.warnings().size(), "warning"));
    if (!report.errors().isEmpty() || (strict && !report.warnings().isEmpty())) {
      return Huashu.PROBLEMS;
    }
    return 0;
  }
}
