package io.github.huashu.cli.report;

import io.github.huashu.EvalReport;
import io.github.huashu.EvalReport.CaseResult;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The heat-map of the most confused intents, as inline SVG. Stateless. */
final class HeatMap {

  private HeatMap() {}

  /** Rows: the expected intent; columns: the intent ranked first instead. */
  static void write(StringBuilder h, EvalReport r) {
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
            .limit(HtmlReport.HEATMAP_INTENTS)
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
          .append(HtmlReport.escape(intents.get(i)))
          .append("</text>\n");
      int x = left + i * cell + cell / 2;
      h.append("<text class=\"axis\" transform=\"translate(")
          .append(x + 4)
          .append(",")
          .append(top - 6)
          .append(") rotate(-60)\">")
          .append(HtmlReport.escape(intents.get(i)))
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
            .append(HtmlReport.escape(intents.get(i)))
            .append("\" data-predicted=\"")
            .append(HtmlReport.escape(intents.get(j)))
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
            .append(HtmlReport.escape(intents.get(i)))
            .append(" → ")
            .append(HtmlReport.escape(intents.get(j)))
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
}
