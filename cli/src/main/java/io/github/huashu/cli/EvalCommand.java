package io.github.huashu.cli;

import io.github.huashu.CorpusException;
import io.github.huashu.EvalCase;
import io.github.huashu.EvalReport;
import io.github.huashu.Evaluation;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.Suggester;
import io.github.huashu.Thresholds;
import io.github.huashu.cli.report.HtmlReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
      "CASES lines: question<TAB>expected_intent, where _none means nothing should match and",
      "_context marks a fragment that needs the previous turn (right unless it is MATCHed)."
    })
final class EvalCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin KnowledgeBaseOptions corpus = new KnowledgeBaseOptions();

  @Option(
      names = "--cases",
      paramLabel = "FILE",
      required = true,
      description = "The held-out cases.")
  Path cases;

  @Option(names = "--json", description = "Print the figures as one JSON object.")
  boolean json;

  @Option(names = "--failures", description = "Also list every case handled wrong (in JSON too).")
  boolean failures;

  @Option(
      names = "--all-cases",
      description = "With --json: list every case with what happened to it.")
  boolean allCases;

  @Option(
      names = "--target-precision",
      paramLabel = "P",
      description = {
        "Also print the thresholds that reach this precision of MATCH answers on these cases,",
        "and how many in-scope cases they answer (choose on cases not used to measure)."
      })
  Double targetPrecision;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = {
        "Also write one self-contained HTML page (no network needed to open it): the figures,",
        "the most confused intents, the risk-coverage curve, accuracy per intent, every failure."
      })
  Path report;

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
    if (targetPrecision != null && !(targetPrecision > 0 && targetPrecision <= 1)) {
      err.println("error: expected --target-precision in (0, 1] but was " + targetPrecision);
      return Huashu.USAGE;
    }
    Suggester suggester = Suggester.builder(kb).build();
    for (EvalCase c : evalCases) {
      if (c.inScope() && kb.intent(c.expected()).isEmpty()) {
        err.println(
            "warning: "
                + cases
                + ":"
                + c.line()
                + ": intent '"
                + c.expected()
                + "' is not in the corpus");
      }
    }
    EvalReport report = Evaluation.run(suggester, evalCases);
    if (this.report != null) {
      String page =
          HtmlReport.render(
              report,
              suggester.thresholds(),
              cases.getFileName().toString(),
              kb.version(),
              c -> HtmlReport.why(c, suggester.suggest(c.evalCase().question())));
      try {
        Path parent = this.report.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        if (Files.isSymbolicLink(this.report)) {
          // In a shared folder another user could point it at one of ours: never written through.
          err.println("error: cannot write " + this.report + ": it is a symbolic link");
          return Huashu.PROBLEMS;
        }
        Files.writeString(
            this.report,
            page,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        err.println("error: cannot write " + this.report + ": " + e.getMessage());
        return Huashu.PROBLEMS;
      }
    }
    if (json) {
      EvalReport.Cases listed =
          allCases
              ? EvalReport.Cases.ALL
              : failures ? EvalReport.Cases.FAILURES : EvalReport.Cases.NONE;
      out.println(report.toJson(targetPrecision, suggester.thresholds(), listed));
    } else {
      print(report, kb, suggester.thresholds(), out);
    }
    return 0;
  }

  private void print(EvalReport r, KnowledgeBase kb, Thresholds thresholds, PrintWriter out) {
    int fragments = r.context().cases();
    out.printf(
        Locale.ROOT,
        "cases        %d (%d in scope, %d out of scope, %d fragments)   knowledge base %s%n",
        r.n(),
        r.inScope(),
        r.n() - r.inScope() - fragments,
        fragments,
        kb.version());
    if (r.uncertain()) {
      EvalReport.Interval top1 = r.top1Interval();
      out.printf(
          Locale.ROOT,
          "note         few cases: on %d in scope, top1 %s could be anywhere from %s to %s (95%% interval);%n"
              + "             add held-out cases before trusting a difference of a few points%n",
          r.inScope(),
          percent(r.top1()),
          percent(top1.low()),
          percent(top1.high()));
    }
    out.printf(Locale.ROOT, "top1         %s%n", percent(r.top1()));
    out.printf(Locale.ROOT, "top3         %s%n", percent(r.top3()));
    out.printf(Locale.ROOT, "mrr          %s%n", figure(r.mrr()));
    out.printf(
        Locale.ROOT,
        "accuracy     %s   (MATCH right, CLARIFY offering it, or FALLBACK for _none)%n",
        percent(r.accuracy()));
    out.printf(
        Locale.ROOT,
        "out of scope precision %s  recall %s  f1 %s%n",
        figure(r.oosPrecision()),
        figure(r.oosRecall()),
        figure(r.oosF1()));
    out.printf(
        Locale.ROOT,
        "decisions    MATCH %d  CLARIFY %d  FALLBACK %d%n",
        r.decisions().get(0),
        r.decisions().get(1),
        r.decisions().get(2));
    out.printf(
        Locale.ROOT,
        "answered     %s of in-scope cases (MATCH)   precision of MATCH %s%n",
        percent(r.answered()),
        figure(r.matchPrecision()));
    out.printf(
        Locale.ROOT,
        "clarify      %s of cases   offered the expected intent %s%n",
        percent(r.clarifyShare()),
        percent(r.clarifyOffered()));
    if (fragments > 0) {
      out.printf(
          Locale.ROOT,
          "fragments    %d/%d not matched   %d matched with confidence >= %.1f%n",
          r.context().notMatched(),
          fragments,
          r.context().confidentlyMatched(),
          EvalReport.ContextScore.CONFIDENT);
    }
    String label = "risk-coverage";
    for (EvalReport.Coverage c : r.riskCoverage()) {
      out.printf(
          Locale.ROOT,
          "%-13s answering the most confident %.0f%% of cases: precision %s (confidence >= %.2f)%n",
          label,
          100 * c.coverage(),
          figure(c.precision()),
          c.minConfidence());
      label = "";
    }
    if (targetPrecision != null) {
      Optional<EvalReport.OperatingPoint> point = r.thresholdsFor(targetPrecision, thresholds);
      if (point.isEmpty()) {
        out.printf(
            Locale.ROOT,
            "target       precision %.2f: no thresholds reach it on these cases%n",
            targetPrecision);
      } else {
        EvalReport.OperatingPoint p = point.get();
        out.printf(
            Locale.ROOT,
            "target       precision %.2f: --answer-threshold %.2f --margin %.2f --suggestion-threshold %.2f%n"
                + "             give precision %s on these cases, answering %s of in-scope cases (%d MATCH)%n",
            targetPrecision,
            p.thresholds().answer(),
            p.thresholds().margin(),
            p.thresholds().suggestion(),
            figure(p.precision()),
            percent(p.answered()),
            p.matches());
      }
    }
    out.printf(
        Locale.ROOT,
        "latency      p50 %d µs  p99 %d µs%n",
        r.latencyP50Micros(),
        r.latencyP99Micros());
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
        out.printf(
            Locale.ROOT,
            "  %5s  %d/%d  %s%n",
            percent(s.accuracy()),
            s.right(),
            s.cases(),
            s.intent());
      }
    }
    if (failures && !r.failures().isEmpty()) {
      out.println();
      out.println("failures:");
      for (EvalReport.CaseResult f : r.failures()) {
        out.printf(
            Locale.ROOT,
            "  %s:%d  %s  expected %s, got %s %s (%.2f)%n",
            cases,
            f.evalCase().line(),
            f.evalCase().question(),
            f.evalCase().expected(),
            f.decision(),
            f.predicted(),
            f.confidence());
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
