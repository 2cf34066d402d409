package io.github.huashu.cli.report;

import io.github.huashu.Decision;
import io.github.huashu.EvalReport;
import io.github.huashu.EvalReport.CaseResult;
import io.github.huashu.Thresholds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The risk-coverage curve (precision of the top intent against the share of cases answered) with
 * the operating point of the thresholds used, as inline SVG. Stateless.
 */
final class RiskCoverageChart {

  private RiskCoverageChart() {}

  static void write(StringBuilder h, EvalReport r, Thresholds thresholds) {
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
              HtmlReport.rounded(c.coverage()),
              HtmlReport.rounded(c.precision()),
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
              HtmlReport.rounded(share),
              HtmlReport.rounded(r.matchPrecision()),
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
}
