package io.github.huashu.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code huashu} command: try, measure and check a corpus from a terminal. */
@Command(
    name = "huashu",
    mixinStandardHelpOptions = true,
    versionProvider = Huashu.Version.class,
    description =
        "话术 Huashu: intent matching and reply suggestions for e-commerce customer service.",
    subcommands = {
      AskCommand.class,
      BuildCommand.class,
      ChatCommand.class,
      EvalCommand.class,
      LintCommand.class,
      LintReplyCommand.class,
      InitCommand.class,
      TriageCommand.class,
      ServeCommand.class,
      KeyCommand.class
    })
public final class Huashu {

  /** Exit code for a corpus or cases file with problems, or a lint that failed. */
  static final int PROBLEMS = 1;

  /** Exit code for bad usage: an option out of its range, or a rejected question. */
  static final int USAGE = 2;

  public static void main(String[] args) {
    System.exit(
        run(
            args,
            new PrintWriter(new OutputStreamWriter(System.out, UTF_8), true),
            new PrintWriter(new OutputStreamWriter(System.err, UTF_8), true)));
  }

  /** Runs the command line with the given output streams; returns the exit code. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    // Library logging goes to standard error and stays quiet unless asked for.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    CommandLine cli = new CommandLine(new Huashu());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    // Text from files and logs is printed: no control character of it reaches the terminal (and so
    // no colours of picocli's own either).
    cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    cli.setOut(new PrintWriter(new TerminalText(out), true));
    cli.setErr(new PrintWriter(new TerminalText(err), true));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("error: " + e.getMessage());
          return CommandLine.ExitCode.SOFTWARE;
        });
    return cli.execute(args);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Huashu.class.getPackage().getImplementationVersion();
      return new String[] {"huashu " + (version == null ? "(development build)" : version)};
    }
  }
}
