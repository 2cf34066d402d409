package io.github.huashu.cli;

import io.github.huashu.Advice;
import io.github.huashu.Bundle;
import io.github.huashu.Decision;
import io.github.huashu.Emotion;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.SuggestResult;
import io.github.huashu.Suggester;
import io.github.huashu.Suggestion;
import io.github.huashu.Thresholds;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "ask",
    mixinStandardHelpOptions = true,
    description = {
      "Answer a shopper's question: the decision (MATCH, CLARIFY or FALLBACK) and the suggested bundles.",
      "Without QUESTION, or with '-', reads one question per line from standard input."
    })
final class AskCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin KnowledgeBaseOptions corpus = new KnowledgeBaseOptions();

  @Option(
      names = "--top",
      paramLabel = "N",
      description = "Suggestions at most. Default: ${DEFAULT-VALUE}.",
      defaultValue = "3")
  int top;

  @Option(names = "--json", description = "Print one JSON object per question.")
  boolean json;

  @Option(
      names = "--answer-threshold",
      paramLabel = "P",
      description = "Confidence needed to answer. Default: 0.5.")
  Double answer;

  @Option(
      names = "--suggestion-threshold",
      paramLabel = "P",
      description = "Confidence needed to be suggested. Default: 0.2.")
  Double suggestion;

  @Option(
      names = "--margin",
      paramLabel = "P",
      description =
          "Lead the first intent needs over the second to answer rather than ask back. Default: 0.2.")
  Double margin;

  @Parameters(arity = "0..1", paramLabel = "QUESTION", description = "The question.")
  String question;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (top < 1) {
      err.println("error: expected --top >= 1 but was " + top);
      return 2;
    }
    Thresholds thresholds = Thresholds.DEFAULT;
    try {
      thresholds =
          new Thresholds(
              answer == null ? thresholds.answer() : answer,
              suggestion == null ? thresholds.suggestion() : suggestion,
              margin == null ? thresholds.margin() : margin);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return Huashu.USAGE;
    }
    boolean asked = question != null && !question.equals("-");
    // A question that cannot be answered is refused before the corpus takes seconds to load.
    if (asked && (Encoding.rejectIfGarbled(question, err) || !acceptable(question, err))) {
      return Huashu.USAGE;
    }
    KnowledgeBase kb = corpus.load(err);
    if (kb == null) {
      return Huashu.PROBLEMS;
    }
    Suggester suggester = Suggester.builder(kb).topK(top).thresholds(thresholds).build();
    if (asked) {
      return answer(suggester, question, out, err) ? 0 : Huashu.USAGE;
    }
    // One question per line: a carriage return inside a line is part of it, and a line that is not
    // UTF-8 is refused rather than answered with U+FFFD in it.
    InputLines in = new InputLines(System.in);
    boolean allAnswered = true;
    for (String line = in.next(err); line != null; line = in.next(err)) {
      if (!line.isBlank()) {
        allAnswered &= answer(suggester, line, out, err);
      }
    }
    in.summarize(err);
    return allAnswered && in.rejected() == 0 ? 0 : Huashu.USAGE;
  }

  /** The checks {@link Suggester#suggest(String)} makes of a question, before anything loads. */
  private static boolean acceptable(String q, PrintWriter err) {
    try {
      Suggester.checkQuestion(q, Suggester.DEFAULT_MAX_QUESTION_LENGTH);
      return true;
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return false;
    }
  }

  private boolean answer(Suggester suggester, String q, PrintWriter out, PrintWriter err) {
    SuggestResult result;
    try {
      result = suggester.suggest(q);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return false;
    }
    if (json) {
      out.println(result.toJson());
    } else {
      print(result, out);
    }
    out.flush();
    return true;
  }

  static void print(SuggestResult r, PrintWriter out) {
    out.println("问题: " + r.question());
    out.println("决定: " + r.decision() + "    (知识库版本 " + r.knowledgeBaseVersion() + ")");
    if (!r.reason().isEmpty()) {
      out.println("原因: " + r.reason());
    }
    out.println("情绪: " + describe(r.emotion()));
    if (!r.reply().isEmpty()) {
      out.println("回复: " + r.reply());
    } else if (r.decision() == Decision.MATCH) {
      out.println(
          "回复: (空：意图「" + r.suggestions().get(0).intent().name() + "」没有写回复话术，请在语料里给它加 reply)");
    }
    if (!r.unfilled().isEmpty()) {
      out.println("待填: " + String.join("、", r.unfilled()));
    }
    if (!r.facts().isEmpty()) {
      StringBuilder facts = new StringBuilder("消息里的信息: ");
      r.facts().forEach((name, value) -> facts.append(name).append('=').append(value).append("  "));
      out.println(facts.toString().strip());
    }
    for (Advice advice : r.advice()) {
      out.println("建议: " + advice.message());
    }
    for (Suggestion also : r.also()) {
      out.println("也问了: " + also.intent().name() + "（" + also.intent().id() + "）");
    }
    int rank = 1;
    for (Suggestion s : r.suggestions()) {
      Bundle b = s.intent().bundle();
      out.println();
      out.printf(
          Locale.ROOT,
          "%d. %s  %s  置信度 %.2f%n",
          rank++,
          s.intent().name(),
          s.intent().id(),
          s.confidence());
      line(out, "类别", join(" / ", s.intent().category(), s.intent().scene()));
      line(
          out,
          "部门",
          b.department()
              + (b.collaborators().isEmpty()
                  ? ""
                  : "（协同：" + String.join("、", b.collaborators()) + "）"));
      line(out, "问题诊断", b.diagnosis());
      if (!b.solution().isEmpty()) {
        out.println("   解决方案:");
        for (int i = 0; i < b.solution().size(); i++) {
          out.println("     " + (i + 1) + ") " + b.solution().get(i));
        }
      }
      line(out, "风险提示", b.riskTip());
      line(out, "回复", b.reply().text());
      line(out, "跟进", b.followUp());
      if (b.verifyIdentity()) {
        line(out, "提醒", "操作前先核实身份");
      }
      if (!b.related().isEmpty()) {
        line(out, "相关", String.join("、", b.related()));
      }
      String why = "匹配词 " + s.why().matchedTerms();
      if (!s.why().nearestExample().isEmpty()) {
        why +=
            String.format(
                Locale.ROOT,
                "；最相近的例句「%s」（相似度 %.2f）",
                s.why().nearestExample(),
                s.why().similarity());
      }
      line(out, "依据", why);
    }
    out.println();
  }

  /** "ANGRY 8（我要投诉、12315、!!!）" or "CALM". */
  static String describe(Emotion emotion) {
    if (emotion.label() == Emotion.Label.CALM) {
      return "CALM";
    }
    List<String> signals =
        emotion.signals().stream()
            .filter(s -> s.label() != Emotion.Label.CALM)
            .map(Emotion.Signal::text)
            .toList();
    return emotion.label()
        + " "
        + emotion.intensity()
        + (signals.isEmpty() ? "" : "（" + String.join("、", signals) + "）");
  }

  private static void line(PrintWriter out, String label, String value) {
    if (value != null && !value.isBlank()) {
      out.println("   " + label + ": " + value);
    }
  }

  private static String join(String separator, String... parts) {
    return String.join(separator, List.of(parts).stream().filter(p -> !p.isEmpty()).toList());
  }
}
