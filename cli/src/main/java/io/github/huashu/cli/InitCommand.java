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
    description = "Copy the bundled sample corpus into DIR, to start a corpus of your own.")
final class InitCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "Where to copy the corpus; must not exist or be empty.")
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
    SampleCorpus.copyTo(dir);
    spec.commandLine().getOut().println("copied the sample corpus to " + dir);
    return 0;
  }
}

