package io.github.huashu.cli;

import io.github.huashu.Decision;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.Suggester;
import io.github.huashu.cli.triage.LogFormat;
import io.github.huashu.cli.triage.LogReader;
import io.github.huashu.cli.triage.Triage;
import io.github.huashu.cli.triage.TriageFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "triage",
    mixinStandardHelpOptions = true,
    description = {
      "Read a chat log and sort its messages: answered.tsv (what the corpus answers, least certain",
      "first) and unanswered.tsv (what it does not, in clusters of similar wording, largest first,",
      "as corpus TSV lines whose labels an editor fixes). Prints a summary. Nothing is sent anywhere.",
      "The log: one message per line, TSV with a message column, or JSON lines with a text field."
    })
final class TriageCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin KnowledgeBaseOptions corpus = new KnowledgeBaseOptions();

  @Option(names = "--log", paramLabel = "FILE", required = true, description = "The chat log.")
  Path log;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Folder for answered.tsv and unanswered.tsv (created). Default: triage.",
      defaultValue = "triage")
  Path out;

  @Option(
      names = "--format",
      paramLabel = "plain|tsv|jsonl",
      description = "The log's format. Default: detected from its first lines.")
  LogFormat format;

  @Option(
      names = "--column",
      paramLabel = "NAME|N",
      description = {
        "TSV: the message column, by header name or number from 1. Default: the column headed",
        "message, text, question, content, msg, 内容, 消息 or 问题, else the longest."
      })
  String column;

  @Option(
      names = "--field",
      paramLabel = "NAME",
      description = "JSON lines: the field holding the message. Default: text.")
  String field;

  @Option(
      names = "--top",
      paramLabel = "N",
      description = "Clusters and intents listed in the summary. Default: ${DEFAULT-VALUE}.",
      defaultValue = "10")
  int top;

  @Option(
      names = "--similarity",
      paramLabel = "P",
      description =
          "How alike (cosine of characters and bigrams, rare ones weighing more) a message must be"
              + " to a cluster's representative to join it. Default: ${DEFAULT-VALUE}.",
      defaultValue = "0.4")
  double similarity;

  @Option(
      names = "--near-duplicate",
      paramLabel = "P",
      description =
          "Share of character bigrams (Jaccard) at which two messages are folded as one."
              + " Default: ${DEFAULT-VALUE}.",
      defaultValue = "0.8")
  double nearDuplicate;

  @Option(
      names = "--low-confidence",
      paramLabel = "P",
      description =
          "A CLARIFY whose first intent is below this is unanswered. Default: ${DEFAULT-VALUE}.",
      defaultValue = "0.5")
  double lowConfidence;

  @Option(names = "--no-progress", description = "No progress bar, even on a terminal.")
  boolean noProgress;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (top < 1) {
      err.println("error: expected --top >= 1 but was " + top);
      return Huashu.USAGE;
    }
    Triage.Options options;
    try {
      options = new Triage.Options(nearDuplicate, similarity, lowConfidence);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return Huashu.USAGE;
    }
    if (!Files.isRegularFile(log)) {
      err.println("error: expected a log file but " + log + " is not one");
      return Huashu.USAGE;
    }
    LogReader.Log read;
    try {
      read = LogReader.read(log, new LogReader.Options(format, column, field), err);
    } catch (NoSuchFileException e) {
      err.println("error: cannot read " + log);
      return Huashu.USAGE;
    } catch (LogReader.UsageException e) {
      err.println("error: " + e.getMessage());
      return Huashu.USAGE;
    }
    KnowledgeBase kb = corpus.load(err);
    if (kb == null) {
      return Huashu.PROBLEMS;
    }
    Suggester suggester = Suggester.builder(kb).build();
    Triage.Result result;
    if (noProgress || System.console() == null || read.messages().isEmpty()) {
      result = Triage.run(suggester, read.messages(), options, () -> {});
    } else {
      try (ProgressBar bar =
          ProgressBar.builder()
              .setTaskName("triage")
              .setUnit(" messages", 1)
              .setStyle(ProgressBarStyle.ASCII)
              .setInitialMax(read.messages().size())
              .showSpeed()
              .build()) {
        result = Triage.run(suggester, read.messages(), options, bar::step);
        bar.stepTo(bar.getMax());
      }
    }
    String formatText = read.format() + (read.detected() ? ", detected" : "") + ", " + read.where();
    TriageFiles.write(
        out,
        result,
        new TriageFiles.Source(log.toString(), formatText, read.comments(), kb.version()));
    summary(stdout, read, result, formatText, kb);
    return 0;
  }

  private void summary(
      PrintWriter o, LogReader.Log read, Triage.Result r, String formatText, KnowledgeBase kb) {
    o.printf(
        Locale.ROOT, "log          %s (%s)   knowledge base %s%n", log, formatText, kb.version());
    o.printf(
        Locale.ROOT,
        "lines        %d: %d messages, %d comments, %d blank, %d malformed (reported above)%n",
        read.lines(),
        read.messages().size(),
        read.commentLines(),
        read.blankLines(),
        read.malformed());
    o.printf(
        Locale.ROOT,
        "messages     %d, %d distinct: %d exact duplicates and %d near-duplicates folded%n",
        r.total(),
        r.folded(),
        r.total() - r.distinct(),
        r.distinct() - r.folded());
    o.printf(
        Locale.ROOT,
        "decisions    MATCH %d (%s)  CLARIFY %d (%s)  FALLBACK %d (%s)%n",
        r.decisions().get(Decision.MATCH),
        percent(r.decisions().get(Decision.MATCH), r.total()),
        r.decisions().get(Decision.CLARIFY),
        percent(r.decisions().get(Decision.CLARIFY), r.total()),
        r.decisions().get(Decision.FALLBACK),
        percent(r.decisions().get(Decision.FALLBACK), r.total()));
    int answered = r.total() - r.unanswered();
    o.printf(
        Locale.ROOT,
        "answered     %d messages (%d distinct) -> %s%n",
        answered,
        r.answered().size(),
        out.resolve("answered.tsv"));
    o.printf(
        Locale.ROOT,
        "unanswered   %d messages in %d clusters -> %s%n",
        r.unanswered(),
        r.clusters().size(),
        out.resolve("unanswered.tsv"));
    if (!r.clusters().isEmpty()) {
      o.println();
      o.println("largest clusters of unanswered messages (size, representative, closest intent):");
      int n = 0;
      for (Triage.Cluster c : r.clusters()) {
        if (n++ == top) {
          break;
        }
        o.printf(
            Locale.ROOT,
            "  %4d  %s  -> %s%n",
            c.size(),
            oneLine(c.representative()),
            c.closestIntent() == null
                ? "none"
                : String.format(
                    Locale.ROOT, "%s (%.2f)", c.closestIntent(), c.closestConfidence()));
      }
    }
    if (!r.closeButWrong().isEmpty()) {
      o.println();
      o.println("close but not answered (intent ranked first for CLARIFY/FALLBACK messages):");
      int n = 0;
      for (Triage.CloseButWrong c : r.closeButWrong()) {
        if (n++ == top) {
          break;
        }
        o.printf(
            Locale.ROOT,
            "  %4d  %s  (mean confidence %.2f)%n",
            c.messages(),
            c.intent(),
            c.meanConfidence());
      }
    }
  }

  private static String oneLine(Triage.Answer a) {
    String text = a.message().text().replaceAll("\\s+", " ");
    return text.codePointCount(0, text.length()) > 60
        ? text.substring(0, text.offsetByCodePoints(0, 60)) + "…"
        : text;
  }

  private static String percent(int part, int whole) {
    return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }
}
