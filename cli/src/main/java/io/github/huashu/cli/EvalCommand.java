package io.github.huashu.cli;

import io.github.huashu.CorpusException;
import io.github.huashu.EvalCase;
import io.github.huashu.EvalReport;
import io.github.huashu.Evaluation;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.Suggester;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Measure matching on held-out questions (never on the corpus's own examples).",
      "CASES lines: question<TAB>expected_intent, where _none means nothing should match."
    })
final class EvalCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin CorpusOptions corpus = new CorpusOptions();

  @Option(names = "--cases", paramLabel = "FILE", required = true, description = "The held-out cases.")
  Path cases;

  @Option(names = "--json", description = "Print the figures as one JSON object.")
  boolean json;

  @Option(names = "--failures", description = "Also list every case handled wrong.")
  boolean failures;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<EvalCase> evalCases;
    try {
      evalCases = EvalCase.read(cases);
    } catch (CorpusException e) {
      CorpusOptions.printProblems(err, e);
      return Huashu.PROBLEMS;
    }
    KnowledgeBase kb = corpus.load(err);
    if (kb == null) {
      return Huashu.PROBLEMS;
    }
    Suggester suggester = Suggester.builder(kb).build();
    for (EvalCase c : evalCases) {
      if (c.inScope() && kb.intent(c.expected()).isEmpty()) {
        err.println("warning: " + cases + ":" + c.line() + ": intent '" + c.expected() + "' is not in the corpus");
      }
    }
    EvalReport report = Evaluation.run(suggester, evalCases);
    if (json) {
      out.println(report.toJson());
    } else {
      print(report, kb, out);
    }
    return 0;
  }

  private void print(EvalReport r, KnowledgeBase kb, PrintWriter out) {
    out.printf(Locale.ROOT, "cases        %d (%d in scope, %d out of scope)   knowledge base %s%n",
        r.n(), r.inScope(), r.n() - r.inScope(), kb.version());
    out.printf(Locale.ROOT, "top1         %s%n", percent(r.top1()));
    out.printf(Locale.ROOT, "top3         %s%n", percent(r.top3()));
    out.printf(Locale.ROOT, "mrr          %s%n", figure(r.mrr()));
    out.printf(Locale.ROOT, "accuracy     %s   (MATCH right, CLARIFY offering it, or FALLBACK for _none)%n", percent(r.accuracy()));
    out.printf(Locale.ROOT, "out of scope precision %s  recall %s  f1 %s%n",
        figure(r.oosPrecision()), figure(r.oosRecall()), figure(r.oosF1()));
    out.printf(Locale.ROOT, "decisions    MATCH %d  CLARIFY %d  FALLBACK %d%n",
        r.decisions().get(0), r.decisions().get(1), r.decisions().get(2));
    out.printf(Locale.ROOT, "latency      p50 %d µs  p99 %d µs%n", r.latencyP50Micros(), r.latencyP99Micros());
    if (!r.confusions().isEmpty()) {
      out.println();
      out.println("most confused (expected -> ranked first):");
      for (EvalReport.Confusion c : r.confusions()) {
        out.printf(Locale.ROOT, "  %3d  %s -> %s%n", c.count(), c.expected(), c.predicted());
      }
    }
    if (!r.worst().isEmpty()) {
      out.println();
      out.println("worst intents (accuracy):");
      for (EvalReport.IntentScore s : r.worst()) {
        out.printf(Locale.ROOT, "  %5s  %d/%d  %s%n", percent(s.accuracy()), s.right(), s.cases(), s.intent());
      }
    }
    if (failures && !r.failures().isEmpty()) {
      out.println();
      out.println("failures:");
      for (EvalReport.Failure f : r.failures()) {
        out.printf(Locale.ROOT, "  %s:%d  %s  expected %s, got %s %s (%.2f)%n", cases, f.evalCase().line(),
            f.evalCase().question(), f.evalCase().expected(), f.decision(), f.predicted(), f.confidence());
      }
    }
  }

  private static String percent(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * value);
  }

  private static String figure(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
  }
}
