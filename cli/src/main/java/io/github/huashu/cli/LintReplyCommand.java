package io.github.huashu.cli;

import io.github.huashu.DraftContext;
import io.github.huashu.DraftReport;
import io.github.huashu.Finding;
import io.github.huashu.KnowledgeBase;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "lint-reply",
    mixinStandardHelpOptions = true,
    description = {
      "Check an agent's draft reply: negative phrases, jargon, vague times, missing conditions of the"
          + " intent, no empathy for an upset shopper.",
      "Exit code 0 when the draft is fine, 1 when there are findings."
    })
final class LintReplyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin KnowledgeBaseOptions corpus = new KnowledgeBaseOptions();

  @Option(
      names = "--intent",
      paramLabel = "ID",
      description = "The intent the draft answers (its must-mention conditions are checked).")
  String intent;

  @Option(
      names = "--message",
      paramLabel = "TEXT",
      description = "The shopper's message the draft answers (an upset shopper needs empathy).")
  String message;

  @Option(
      names = "--json",
      description =
          "Print {\"findings\": [{\"rule\", \"start\", \"end\", \"message\", \"suggestion\"}]}.")
  boolean json;

  @Parameters(
      arity = "0..1",
      paramLabel = "DRAFT",
      description = "The draft; '-' or none reads it from standard input.")
  String draft;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String text = draft;
    if (text == null || text.equals("-")) {
      try {
        text = InputLines.readAll(System.in).strip();
      } catch (InputLines.MalformedException e) {
        err.println("error: standard input: expected UTF-8 but " + e.getMessage());
        return Huashu.USAGE;
      }
    } else if (Encoding.rejectIfGarbled(text, err)) {
      return Huashu.USAGE;
    }
    if (text.isEmpty()) {
      err.println("error: expected a draft reply but it was empty");
      return 2;
    }
    KnowledgeBase kb = corpus.load(err);
    if (kb == null) {
      return Huashu.PROBLEMS;
    }
    DraftContext context =
        new DraftContext(intent == null ? "" : intent, message == null ? "" : message);
    DraftReport report;
    try {
      report = kb.lintReply(text, context);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    if (json) {
      out.println(report.toJson());
    } else if (report.isClean()) {
      out.println("没有发现问题。");
    } else {
      for (Finding f : report.findings()) {
        String span = f.start() == f.end() ? "" : "「" + text.substring(f.start(), f.end()) + "」";
        out.printf("%d-%d %s %s %s%n", f.start(), f.end(), f.rule().id(), span, f.message());
        if (!f.suggestion().isEmpty()) {
          out.println("    建议: " + f.suggestion());
        }
      }
    }
    out.flush();
    return report.isClean() ? 0 : 1;
  }
}
