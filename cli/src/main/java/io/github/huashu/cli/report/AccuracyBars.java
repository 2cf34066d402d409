package io.github.huashu.cli.report;

import io.github.huashu.EvalReport;
import io.github.huashu.EvalReport.CaseResult;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The accuracy of every expected intent, worst first, as inline SVG bars. Stateless. */
final class AccuracyBars {

  private AccuracyBars() {}

  static void write(StringBuilder h, EvalReport r) {
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
              HtmlReport.escape(s.intent()),
              left,
              y,
              w,
              bar - 4,
              HtmlReport.escape(s.intent()),
              s.cases(),
              s.right(),
              HtmlReport.rounded(s.accuracy()),
              left,
              y,
              s.accuracy() * w,
              bar - 4,
              color,
              left + w + 6,
              y + bar - 6,
              HtmlReport.percent(s.accuracy()),
              s.right(),
              s.cases()));
    }
    h.append("</svg>\n</section>\n");
  }
}
