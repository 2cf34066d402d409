package io.github.huashu.cli.report;

import io.github.huashu.Decision;
import io.github.huashu.EvalCase;
import io.github.huashu.EvalReport;
import io.github.huashu.EvalReport.CaseResult;
import io.github.huashu.SuggestResult;
import io.github.huashu.Suggestion;
import io.github.huashu.Thresholds;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The figures of an evaluation as one self-contained HTML page: no script, no style sheet or font
 * to fetch, the charts drawn as inline SVG. The page shows the figures, a heat-map of the most
 * confused intents, the risk-coverage curve with the operating point of the thresholds used, the
 * accuracy of every expected intent (worst first) and every failure with why it failed.
 *
 * <p>Every figure carries a stable {@code id} and its value, rounded as the JSON rounds it, in
 * {@code data-value}, so a test (or a script) can read the page back. The charts are {@link
 * HeatMap}, {@link RiskCoverageChart} and {@link AccuracyBars}. Stateless.
 */
public final class HtmlReport {

  /** How many intents the heat-map shows at most. */
  public static final int HEATMAP_INTENTS = 15;

  private HtmlReport() {}

  /**
   * The page.
   *
   * @param report the evaluation
   * @param thresholds the thresholds the suggester decided with
   * @param title what was evaluated (the cases file), shown as the heading
   * @param knowledgeBase the knowledge base's version
   * @param why why a failure failed, in plain words
   */
  public static String render(
      EvalReport report,
      Thresholds thresholds,
      String title,
      String knowledgeBase,
      Function<CaseResult, String> why) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>huashu eval: ")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>huashu eval <span class=\"sub\">")
        .append(escape(title))
        .append("</span></h1>\n<p class=\"meta\">knowledge base <code id=\"kb\">")
        .append(escape(knowledgeBase))
        .append("</code> · thresholds answer ")
        .append(fixed(thresholds.answer(), 2))
        .append(", suggestion ")
        .append(fixed(thresholds.suggestion(), 2))
        .append(", margin ")
        .append(fixed(thresholds.margin(), 2))
        .append("</p>\n");
    if (report.uncertain()) {
      EvalReport.Interval top1 = report.top1Interval();
      h.append("<p class=\"note\" id=\"uncertain\">Few cases: on ")
          .append(report.inScope())
          .append(" in scope, top1 could be anywhere from ")
          .append(percent(top1.low()))
          .append(" to ")
          .append(percent(top1.high()))
          .append(" (95% interval).</p>\n");
    }
    figures(h, report);
    h.append("<div class=\"charts\">\n");
    HeatMap.write(h, report);
    RiskCoverageChart.write(h, report, thresholds);
    h.append("</div>\n");
    AccuracyBars.write(h, report);
    failures(h, report, why);
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  /**
   * Why a case failed, from the suggestion the suggester gives for its question now: the reason of
   * a CLARIFY or FALLBACK, or what a wrong MATCH leaned on; then where the expected intent ranked.
   */
  public static String why(CaseResult c, SuggestResult s) {
    StringBuilder why = new StringBuilder();
    EvalCase evalCase = c.evalCase();
    if (c.decision() == Decision.MATCH) {
      why.append("answered ").append(c.predicted()).append(" (").append(fixed(c.confidence(), 2));
      why.append(")");
      if (!s.suggestions().isEmpty()) {
        Suggestion top = s.suggestions().get(0);
        why.append(": nearest example 「")
            .append(top.why().nearestExample())
            .append("」 (similarity ")
            .append(fixed(top.why().similarity(), 2))
            .append(")");
        if (!top.why().matchedTerms().isEmpty()) {
          why.append(", matched terms ").append(String.join("、", top.why().matchedTerms()));
        }
      }
      if (evalCase.needsContext()) {
        why.append("; a fragment needs the previous turn, it should not be answered alone");
      } else if (evalCase.outOfScope()) {
        why.append("; out of scope, it should have fallen back");
      }
    } else {
      why.append(s.reason().isEmpty() ? c.decision().name() : s.reason());
      if (c.decision() == Decision.CLARIFY) {
        why.append("; offered ")
            .append(
                s.suggestions().stream()
                    .map(x -> x.intent().id())
                    .collect(Collectors.joining(", ")));
        if (evalCase.outOfScope()) {
          why.append("; out of scope, it should have fallen back");
        }
      }
    }
    if (evalCase.inScope()) {
      why.append(
          c.rank() == 0 ? "; expected intent not ranked" : "; expected intent ranked #" + c.rank());
    }
    return why.toString();
  }

  private static void figures(StringBuilder h, EvalReport r) {
    h.append("<section id=\"figures\" class=\"figures\">\n");
    figure(h, "n", "cases", r.n(), Integer.toString(r.n()));
    figure(h, "in_scope", "in scope", r.inScope(), Integer.toString(r.inScope()));
    share(h, "top1", "top1", r.top1());
    share(h, "top3", "top3", r.top3());
    figure(h, "mrr", "mrr", rounded(r.mrr()), fixed(r.mrr(), 3));
    share(h, "accuracy", "accuracy", r.accuracy());
    share(h, "answered", "answered (of in scope)", r.answered());
    figure(
        h,
        "match_precision",
        "precision of MATCH",
        rounded(r.matchPrecision()),
        fixed(r.matchPrecision(), 3));
    share(h, "clarify_share", "clarify", r.clarifyShare());
    share(h, "clarify_offered", "clarify offered it", r.clarifyOffered());
    figure(
        h,
        "oos_precision",
        "out of scope precision",
        rounded(r.oosPrecision()),
        fixed(r.oosPrecision(), 3));
    figure(h, "oos_recall", "out of scope recall", rounded(r.oosRecall()), fixed(r.oosRecall(), 3));
    figure(h, "oos_f1", "out of scope f1", rounded(r.oosF1()), fixed(r.oosF1(), 3));
    for (Decision d : Decision.values()) {
      int count = r.decisions().get(d.ordinal());
      figure(h, "decision-" + d.name(), d.name(), count, Integer.toString(count));
    }
    figure(
        h,
        "latency_p50",
        "latency p50 µs",
        r.latencyP50Micros(),
        Long.toString(r.latencyP50Micros()));
    figure(
        h,
        "latency_p99",
        "latency p99 µs",
        r.latencyP99Micros(),
        Long.toString(r.latencyP99Micros()));
    h.append("</section>\n");
  }

  private static void share(StringBuilder h, String id, String label, double value) {
    figure(h, id, label, rounded(value), percent(value));
  }

  private static void figure(StringBuilder h, String id, String label, Object value, String shown) {
    String data = value instanceof Double d && Double.isNaN(d) ? "" : String.valueOf(value);
    h.append("<div class=\"figure\"><span class=\"label\">")
        .append(escape(label))
        .append("</span><span class=\"value\" id=\"")
        .append(id)
        .append("\" data-value=\"")
        .append(data)
        .append("\">")
        .append(escape(shown))
        .append("</span></div>\n");
  }

  private static void failures(StringBuilder h, EvalReport r, Function<CaseResult, String> why) {
    List<CaseResult> failures = r.failures();
    h.append("<section><h2>Failures <span class=\"sub\" id=\"failure-count\" data-value=\"")
        .append(failures.size())
        .append("\">")
        .append(failures.size())
        .append("</span></h2>\n<table id=\"failures\">\n<thead><tr><th>line</th><th>question</th>")
        .append("<th>expected</th><th>decision</th><th>ranked first</th><th>confidence</th>")
        .append("<th>second</th><th>why</th></tr></thead>\n<tbody>\n");
    for (CaseResult f : failures) {
      String reason;
      try {
        reason = why.apply(f);
      } catch (RuntimeException e) {
        reason = "";
      }
      h.append("<tr class=\"failure\" data-line=\"")
          .append(f.evalCase().line())
          .append("\"><td>")
          .append(f.evalCase().line())
          .append("</td><td class=\"question\">")
          .append(escape(f.evalCase().question()))
          .append("</td><td>")
          .append(escape(f.evalCase().expected()))
          .append("</td><td>")
          .append(f.decision().name())
          .append("</td><td>")
          .append(escape(f.predicted()))
          .append("</td><td>")
          .append(fixed(f.confidence(), 2))
          .append("</td><td>")
          .append(fixed(f.second(), 2))
          .append("</td><td class=\"why\">")
          .append(escape(reason))
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n</section>\n");
  }

  /** Text made safe for an HTML element or a quoted attribute. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Four decimals, as the JSON rounds; NaN stays NaN. */
  static double rounded(double value) {
    return Double.isNaN(value) ? value : Math.round(value * 10_000) / 10_000.0;
  }

  static String percent(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * value);
  }

  static String fixed(double value, int decimals) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  private static final String CSS =
      """
      body { font: 14px/1.45 system-ui, "Noto Sans CJK SC", "WenQuanYi Micro Hei", "PingFang SC",
             "Microsoft YaHei", sans-serif; margin: 24px 32px; color: #222; }
      h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; }
      .sub { color: #666; font-weight: normal; } .meta { color: #555; margin: 0 0 12px; }
      .note { background: #fff6d8; border-left: 4px solid #e0b000; padding: 6px 10px; }
      .figures { display: flex; flex-wrap: wrap; gap: 8px; }
      .figure { border: 1px solid #ddd; border-radius: 6px; padding: 6px 12px; min-width: 110px; }
      .figure .label { display: block; color: #666; font-size: 12px; }
      .figure .value { font-size: 20px; font-weight: 600; }
      .charts { display: flex; flex-wrap: wrap; gap: 32px; align-items: flex-start; }
      svg text { font: 11px system-ui, sans-serif; fill: #333; }
      svg text.count { font-weight: 600; }
      svg .grid { stroke: #e4e4e4; } svg .marker { stroke: #e07000; stroke-dasharray: 4 3; }
      table { border-collapse: collapse; width: 100%; }
      th, td { border-bottom: 1px solid #e4e4e4; padding: 4px 6px; text-align: left;
               vertical-align: top; }
      th { background: #f6f6f6; } td.why { color: #555; font-size: 13px; }
      @media print { .charts { display: block; } }
      """;
}
