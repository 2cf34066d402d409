package io.github.huashu.cli;

import io.github.huashu.sample.SampleCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Start a corpus of your own from the bundled sample: DIR/corpus (the corpus) and DIR/eval",
      "(held-out questions it was not trained on, to measure it with eval)."
    })
final class InitCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "Where to start; must not exist or be empty.")
  Path dir;

  @Override
  public Integer call() throws IOException {
    if (Files.exists(dir)) {
      boolean empty;
      try (var entries = Files.list(dir)) {
        empty = entries.findAny().isEmpty();
      }
      if (!empty) {
        spec.commandLine().getErr().println("error: " + dir + " exists and is not empty");
        return Huashu.PROBLEMS;
      }
    }
    Path corpus = dir.resolve("corpus");
    Path eval = dir.resolve("eval");
    SampleCorpus.copyTo(corpus);
    SampleCorpus.copyHeldOutTo(eval);
    var out = spec.commandLine().getOut();
    out.println("copied the sample corpus to " + corpus + " and its held-out questions to " + eval);
    out.println("next: java -jar huashu.jar lint --corpus " + corpus);
    out.println(
        "      java -jar huashu.jar eval --corpus "
            + corpus
            + " --cases "
            + eval.resolve("heldout.tsv"));
    return 0;
  }
}
