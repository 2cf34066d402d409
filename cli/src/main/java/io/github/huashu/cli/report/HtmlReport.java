package io.github.huashu.cli.report;

import io.github.huashu.Decision;
import io.github.huashu.EvalCase;
import io.github.huashu.EvalReport;
import io.github.huashu.EvalReport.CaseResult;
import io.github.huashu.SuggestResult;
import io.github.huashu.Suggestion;
import io.github.huashu.Thresholds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The figures of an evaluation as one self-contained HTML page: no script, no style sheet or font
 * to fetch, the charts drawn as inline SVG. The page shows the figures, a heat-map of the most
 * confused intents, the risk-coverage curve with the operating point of the thresholds used, the
 * accuracy of every expected intent (worst first) and every failure with why it failed.
 *
 * <p>Every figure carries a stable {@code id} and its value, rounded as the JSON rounds it, in
 * {@code data-value}, so a test (or a script) can read the page back.
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
    heatMap(h, report);
    riskCoverage(h, report, thresholds);
    h.append("</div>\n");
    intentBars(h, report);
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

  /** Rows: the expected intent; columns: the intent ranked first instead. */
  private static void heatMap(StringBuilder h, EvalReport r) {
    Map<String, Map<String, Integer>> pairs = new HashMap<>();
    Map<String, Integer> involvement = new HashMap<>();
    for (CaseResult c : r.results()) {
      if (c.evalCase().inScope() && !c.predicted().equals(c.evalCase().expected())) {
        pairs
            .computeIfAbsent(c.evalCase().expected(), k -> new HashMap<>())
            .merge(c.predicted(), 1, Integer::sum);
        involvement.merge(c.evalCase().expected(), 1, Integer::sum);
        involvement.merge(c.predicted(), 1, Integer::sum);
      }
    }
    List<String> intents =
        involvement.entrySet().stream()
            .sorted(
                Map.Entry.<String, Integer>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(HEATMAP_INTENTS)
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    h.append("<section class=\"chart\"><h2>Most confused intents</h2>\n");
    if (intents.isEmpty()) {
      h.append("<p id=\"heatmap-empty\">No in-scope case ranked another intent first.</p>")
          .append("<svg id=\"heatmap\" data-intents=\"0\" width=\"1\" height=\"1\"></svg>")
          .append("</section>\n");
      return;
    }
    int max = 1;
    for (String e : intents) {
      for (String p : intents) {
        max = Math.max(max, count(pairs, e, p));
      }
    }
    int k = intents.size();
    int cell = 26;
    int left = 8 + 6 * intents.stream().mapToInt(String::length).max().orElse(10);
    int top = left * 7 / 8;
    int width = Math.max(left + k * cell + left / 2 + 10, left + 260);
    int height = top + k * cell + 30;
    h.append("<svg id=\"heatmap\" data-intents=\"")
        .append(k)
        .append("\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" role=\"img\" aria-label=\"confusion heat-map\">\n");
    for (int i = 0; i < k; i++) {
      int y = top + i * cell + cell / 2 + 4;
      h.append("<text class=\"axis\" x=\"")
          .append(left - 6)
          .append("\" y=\"")
          .append(y)
          .append("\" text-anchor=\"end\">")
          .append(escape(intents.get(i)))
          .append("</text>\n");
      int x = left + i * cell + cell / 2;
      h.append("<text class=\"axis\" transform=\"translate(")
          .append(x + 4)
          .append(",")
          .append(top - 6)
          .append(") rotate(-60)\">")
          .append(escape(intents.get(i)))
          .append("</text>\n");
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        int count = count(pairs, intents.get(i), intents.get(j));
        boolean diagonal = i == j;
        String fill =
            diagonal
                ? "#eeeeee"
                : count == 0
                    ? "#fbfbfb"
                    : String.format(Locale.ROOT, "rgba(200,40,40,%.3f)", 0.15 + 0.85 * count / max);
        int x = left + j * cell;
        int y = top + i * cell;
        h.append("<rect class=\"cell\" data-expected=\"")
            .append(escape(intents.get(i)))
            .append("\" data-predicted=\"")
            .append(escape(intents.get(j)))
            .append("\" data-count=\"")
            .append(count)
            .append("\" x=\"")
            .append(x)
            .append("\" y=\"")
            .append(y)
            .append("\" width=\"")
            .append(cell - 1)
            .append("\" height=\"")
            .append(cell - 1)
            .append("\" fill=\"")
            .append(fill)
            .append("\"><title>")
            .append(escape(intents.get(i)))
            .append(" → ")
            .append(escape(intents.get(j)))
            .append(": ")
            .append(count)
            .append("</title></rect>\n");
        if (count > 0) {
          h.append("<text class=\"count\" x=\"")
              .append(x + cell / 2)
              .append("\" y=\"")
              .append(y + cell / 2 + 4)
              .append("\" text-anchor=\"middle\"")
              .append(2 * count > max ? " fill=\"#fff\"" : "")
              .append(">")
              .append(count)
              .append("</text>\n");
        }
      }
    }
    h.append("<text class=\"axis\" x=\"")
        .append(left)
        .append("\" y=\"")
        .append(height - 8)
        .append("\">rows: expected · columns: ranked first instead</text>\n</svg>\n</section>\n");
  }

  private static int count(Map<String, Map<String, Integer>> pairs, String e, String p) {
    return pairs.getOrDefault(e, Map.of()).getOrDefault(p, 0);
  }

  /**
   * Precision of the top intent when only the most confident share of all cases is answered, for
   * every share; the operating point of the thresholds used is where their MATCH decisions are.
   */
  private static void riskCoverage(StringBuilder h, EvalReport r, Thresholds thresholds) {
    List<CaseResult> byConfidence = new ArrayList<>(r.results());
    byConfidence.sort(Comparator.comparingDouble(CaseResult::confidence).reversed());
    int w = 380;
    int ht = 300;
    int left = 50;
    int top = 20;
    int n = byConfidence.size();
    double[] precision = new double[n];
    int right = 0;
    double lowest = 1;
    for (int k = 1; k <= n; k++) {
      right += byConfidence.get(k - 1).topRight() ? 1 : 0;
      precision[k - 1] = (double) right / k;
      lowest = Math.min(lowest, precision[k - 1]);
    }
    if (!Double.isNaN(r.matchPrecision())) {
      lowest = Math.min(lowest, r.matchPrecision());
    }
    // The precision axis starts at the tenth below the lowest precision: 0 to 1 would flatten a
    // curve that only spans 0.85 to 1.
    double floor = Math.min(0.9, Math.floor(lowest * 10) / 10);
    h.append("<section class=\"chart\"><h2>Risk-coverage</h2>\n")
        .append("<svg id=\"risk-coverage\" width=\"")
        .append(left + w + 30)
        .append("\" height=\"")
        .append(top + ht + 80)
        .append("\" role=\"img\" aria-label=\"risk-coverage curve\">\n");
    for (int t = 0; t <= 10; t += 2) {
      double v = t / 10.0;
      double p = floor + v * (1 - floor);
      int x = left + (int) Math.round(v * w);
      int y = top + (int) Math.round((1 - v) * ht);
      h.append(
          String.format(
              Locale.ROOT,
              "<line class=\"grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                  + "<line class=\"grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n"
                  + "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%.0f%%</text>"
                  + "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%.2f</text>\n",
              x,
              top,
              x,
              top + ht,
              left,
              y,
              left + w,
              y,
              x,
              top + ht + 16,
              100 * v,
              left - 6,
              y + 4,
              p));
    }
    StringBuilder points = new StringBuilder();
    for (int k = 1; k <= n; k++) {
      points.append(
          String.format(
              Locale.ROOT,
              "%.1f,%.1f ",
              x(left, w, (double) k / n),
              y(top, ht, floor, precision[k - 1])));
    }
    h.append("<polyline id=\"curve\" data-points=\"")
        .append(n)
        .append("\" fill=\"none\" stroke=\"#2060c0\" stroke-width=\"2\" points=\"")
        .append(points.toString().trim())
        .append("\"/>\n");
    for (EvalReport.Coverage c : r.riskCoverage()) {
      h.append(
          String.format(
              Locale.ROOT,
              "<circle class=\"coverage-point\" data-coverage=\"%s\" data-precision=\"%s\""
                  + " cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#2060c0\"><title>%.0f%% answered:"
                  + " precision %.3f (confidence ≥ %.2f)</title></circle>\n",
              rounded(c.coverage()),
              rounded(c.precision()),
              x(left, w, n == 0 ? c.coverage() : Math.max(1, Math.ceil(c.coverage() * n)) / n),
              y(top, ht, floor, c.precision()),
              100 * c.coverage(),
              c.precision(),
              c.minConfidence()));
    }
    int matches = r.decisions().get(Decision.MATCH.ordinal());
    double share = n == 0 ? Double.NaN : (double) matches / n;
    if (matches > 0 && !Double.isNaN(r.matchPrecision())) {
      double px = x(left, w, share);
      double py = y(top, ht, floor, r.matchPrecision());
      h.append(
          String.format(
              Locale.ROOT,
              "<line class=\"marker\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>\n"
                  + "<circle id=\"operating-point\" data-coverage=\"%s\" data-precision=\"%s\""
                  + " cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"#e07000\" stroke=\"#fff\"/>\n"
                  + "<text id=\"operating-label\" class=\"axis\" x=\"%d\" y=\"%d\">"
                  + "<tspan fill=\"#e07000\">●</tspan> current thresholds (answer %.2f, margin %.2f):"
                  + "<tspan x=\"%d\" dy=\"14\">%.1f%% of all cases answered, precision %.3f</tspan>"
                  + "</text>\n",
              px,
              top,
              px,
              top + ht,
              rounded(share),
              rounded(r.matchPrecision()),
              px,
              py,
              left,
              top + ht + 58,
              thresholds.answer(),
              thresholds.margin(),
              left,
              100 * share,
              r.matchPrecision()));
    }
    h.append(
            String.format(
                Locale.ROOT,
                "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">share of all cases"
                    + " answered (most confident first)</text>\n",
                left + w / 2,
                top + ht + 38))
        .append(
            String.format(
                Locale.ROOT,
                "<text class=\"axis\" transform=\"translate(14,%d) rotate(-90)\""
                    + " text-anchor=\"middle\">precision of the top intent</text>\n",
                top + ht / 2))
        .append("</svg>\n</section>\n");
  }

  private static double x(int left, int w, double v) {
    return left + v * w;
  }

  private static double y(int top, int ht, double floor, double v) {
    return top + (1 - (v - floor) / (1 - floor)) * ht;
  }

  /** Every expected intent (and _none, _context), worst first. */
  private static void intentBars(StringBuilder h, EvalReport r) {
    Map<String, int[]> perIntent = new LinkedHashMap<>();
    for (CaseResult c : r.results()) {
      int[] score = perIntent.computeIfAbsent(c.evalCase().expected(), k -> new int[2]);
      score[0]++;
      score[1] += c.right() ? 1 : 0;
    }
    List<EvalReport.IntentScore> scores =
        perIntent.entrySet().stream()
            .map(
                e ->
                    new EvalReport.IntentScore(
                        e.getKey(),
                        e.getValue()[0],
                        e.getValue()[1],
                        (double) e.getValue()[1] / e.getValue()[0]))
            .sorted(
                Comparator.comparingDouble(EvalReport.IntentScore::accuracy)
                    .thenComparing(
                        Comparator.comparingInt(EvalReport.IntentScore::cases).reversed())
                    .thenComparing(EvalReport.IntentScore::intent))
            .toList();
    int bar = 18;
    int left = 8 + 7 * scores.stream().mapToInt(s -> s.intent().length()).max().orElse(10);
    int w = 360;
    h.append("<section><h2>Accuracy per intent (worst first)</h2>\n")
        .append("<svg id=\"intent-bars\" data-intents=\"")
        .append(scores.size())
        .append("\" width=\"")
        .append(left + w + 110)
        .append("\" height=\"")
        .append(scores.size() * bar + 10)
        .append("\" role=\"img\" aria-label=\"accuracy per intent\">\n");
    for (int i = 0; i < scores.size(); i++) {
      EvalReport.IntentScore s = scores.get(i);
      int y = 4 + i * bar;
      String color = s.accuracy() >= 0.9 ? "#3a9a50" : s.accuracy() >= 0.7 ? "#d0a020" : "#c83030";
      h.append(
          String.format(
              Locale.ROOT,
              "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                  + "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f0f0f0\"/>"
                  + "<rect class=\"bar\" data-intent=\"%s\" data-cases=\"%d\" data-right=\"%d\""
                  + " data-accuracy=\"%s\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                  + " fill=\"%s\"/>"
                  + "<text class=\"axis\" x=\"%d\" y=\"%d\">%s  %d/%d</text>\n",
              left - 6,
              y + bar - 6,
              escape(s.intent()),
              left,
              y,
              w,
              bar - 4,
              escape(s.intent()),
              s.cases(),
              s.right(),
              rounded(s.accuracy()),
              left,
              y,
              s.accuracy() * w,
              bar - 4,
              color,
              left + w + 6,
              y + bar - 6,
              percent(s.accuracy()),
              s.right(),
              s.cases()));
    }
    h.append("</svg>\n</section>\n");
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
  private static double rounded(double value) {
    return Double.isNaN(value) ? value : Math.round(value * 10_000) / 10_000.0;
  }

  private static String percent(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * value);
  }

  private static String fixed(double value, int decimals) {
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
