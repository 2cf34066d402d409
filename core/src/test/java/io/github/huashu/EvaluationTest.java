package io.github.huashu;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {

  private final Suggester suggester = Suggester.builder(TestCorpora.small()).build();

  @Test
  void run_countsRankingDecisionsAndOutOfScope() {
    List<EvalCase> cases =
        List.of(
            new EvalCase("我的快递怎么还没到啊", "logistics.track", 1),
            new EvalCase("发票能开公司的吗", "invoice.issue", 2),
            new EvalCase("运费谁承担", "returns.shipping_fee", 3),
            new EvalCase("密码忘了登不上", "account.password", 4),
            new EvalCase("红烧肉怎么做", EvalCase.NONE, 5),
            new EvalCase("今天天气怎么样", EvalCase.NONE, 6));

    EvalReport r = Evaluation.run(suggester, cases);

    assertThat(r.n()).isEqualTo(6);
    assertThat(r.inScope()).isEqualTo(4);
    assertThat(r.top3()).isEqualTo(1.0);
    // 运费谁承担 is a CLARIFY between the two fee intents: right for accuracy whichever ranks first.
    assertThat(r.accuracy()).isEqualTo(1.0);
    assertThat(r.oosRecall()).isEqualTo(1.0);
    assertThat(r.oosPrecision()).isEqualTo(1.0);
    assertThat(r.oosF1()).isEqualTo(1.0);
    assertThat(r.decisions()).containsExactly(3, 1, 2);
    assertThat(r.failures()).isEmpty();
    assertThat(r.latencyP99Micros()).isGreaterThanOrEqualTo(r.latencyP50Micros()).isPositive();
  }

  @Test
  void run_wrongExpectation_isAFailureAndAConfusion() {
    EvalReport r =
        Evaluation.run(
            suggester,
            List.of(
                new EvalCase("我的快递到哪了", "invoice.issue", 1),
                new EvalCase("我的快递到哪了", EvalCase.NONE, 2)));

    assertThat(r.top1()).isEqualTo(0.0);
    assertThat(r.mrr()).isLessThan(1.0);
    assertThat(r.accuracy()).isEqualTo(0.0);
    assertThat(r.oosRecall()).isEqualTo(0.0);
    assertThat(Double.isNaN(r.oosPrecision())).isTrue();
    assertThat(r.confusions())
        .containsExactly(new EvalReport.Confusion("invoice.issue", "logistics.track", 1));
    assertThat(r.failures()).extracting(f -> f.evalCase().line()).containsExactly(1, 2);
    assertThat(r.toJson()).contains("\"oos\":{\"precision\":null,\"recall\":0.0,\"f1\":0.0}");
  }

  @Test
  void run_fragments_rightUnlessMatched_andLeftOutOfOutOfScopeFigures() {
    EvalReport r =
        Evaluation.run(
            suggester,
            List.of(
                new EvalCase("我的快递到哪了", "logistics.track", 1),
                new EvalCase("今天天气怎么样", EvalCase.NONE, 2),
                // A fragment that is answered counts as wrong; one that is not, as right.
                new EvalCase("我的快递到哪了", EvalCase.CONTEXT, 3),
                new EvalCase("那个呢", EvalCase.CONTEXT, 4)));

    assertThat(r.inScope()).isEqualTo(1);
    assertThat(r.context()).isEqualTo(new EvalReport.ContextScore(2, 1, 1));
    assertThat(r.results())
        .extracting(EvalReport.CaseResult::right)
        .containsExactly(true, true, false, true);
    assertThat(r.accuracy()).isEqualTo(0.75);
    // FALLBACK on the fragment is not counted as predicting out of scope.
    assertThat(r.oosPrecision()).isEqualTo(1.0);
    assertThat(r.oosRecall()).isEqualTo(1.0);
    // Two MATCHes, one of them on the fragment.
    assertThat(r.decisions().get(0)).isEqualTo(2);
    assertThat(r.matchPrecision()).isEqualTo(0.5);
    assertThat(r.answered()).isEqualTo(1.0);
    assertThat(r.failures()).extracting(f -> f.evalCase().line()).containsExactly(3);
  }

  @Test
  void run_clarify_sharesAndWhetherItOfferedTheIntent() {
    EvalReport r =
        Evaluation.run(
            suggester,
            List.of(
                new EvalCase("运费谁承担", "returns.shipping_fee", 1),
                new EvalCase("运费谁承担", "logistics.track", 2),
                new EvalCase("我的快递到哪了", "logistics.track", 3),
                new EvalCase("红烧肉怎么做", EvalCase.NONE, 4)));

    assertThat(r.decisions()).containsExactly(1, 2, 1);
    assertThat(r.clarifyShare()).isEqualTo(0.5);
    assertThat(r.clarifyOffered()).isEqualTo(0.5);
    assertThat(r.answered()).isEqualTo(1.0 / 3);
  }

  @Test
  void run_riskCoverage_precisionOfTheMostConfident() {
    List<EvalCase> cases =
        List.of(
            new EvalCase("我的快递到哪了", "logistics.track", 1),
            new EvalCase("发票能开公司的吗", "invoice.issue", 2),
            new EvalCase("我的快递到哪了", "invoice.issue", 3),
            new EvalCase("今天天气怎么样", EvalCase.NONE, 4));

    EvalReport r = Evaluation.run(suggester, cases);

    // Sorted by confidence, the most confident half is the two right tracking and invoice
    // questions or one of them with the mislabelled copy; the weather question is last.
    assertThat(r.riskCoverage())
        .extracting(EvalReport.Coverage::coverage)
        .containsExactly(0.5, 0.7, 0.9);
    EvalReport.Coverage all = r.riskCoverage().get(2);
    assertThat(all.precision()).isEqualTo(0.5);
    assertThat(r.riskCoverage().get(0).minConfidence()).isGreaterThanOrEqualTo(all.minConfidence());
  }

  @Test
  void thresholdsFor_reachTheTargetOnTheCases_orSayNone() {
    List<EvalCase> cases =
        List.of(
            new EvalCase("我的快递到哪了", "logistics.track", 1),
            new EvalCase("发票能开公司的吗", "invoice.issue", 2),
            new EvalCase("运费谁承担", "logistics.track", 3),
            new EvalCase("今天天气怎么样", EvalCase.NONE, 4));
    EvalReport r = Evaluation.run(suggester, cases);
    EvalReport.CaseResult wrong = r.results().get(2);

    EvalReport.OperatingPoint point = r.thresholdsFor(1.0, Thresholds.DEFAULT).orElseThrow();

    // Precision 1 means not answering the question whose intent is not the expected one, while
    // the two others stay answered.
    assertThat(point.precision()).isEqualTo(1.0);
    assertThat(point.thresholds().answers(wrong.confidence(), wrong.second())).isFalse();
    for (EvalReport.CaseResult c : r.results()) {
      boolean answered = point.thresholds().answers(c.confidence(), c.second());
      assertThat(!answered || c.topRight()).as("line %d", c.evalCase().line()).isTrue();
    }
    assertThat(point.matches()).isEqualTo(2);
    assertThat(point.answered()).isEqualTo(2.0 / 3);
    assertThat(r.thresholdsFor(0.5, Thresholds.DEFAULT).orElseThrow().answered())
        .isGreaterThanOrEqualTo(point.answered());
  }

  @Test
  void thresholdsFor_targetOutOfRange_isRejected() {
    EvalReport r =
        Evaluation.run(suggester, List.of(new EvalCase("我的快递到哪了", "logistics.track", 1)));

    assertThat(
            catchThrowableOfType(
                IllegalArgumentException.class, () -> r.thresholdsFor(1.5, Thresholds.DEFAULT)))
        .hasMessage("expected a target precision in (0, 1] but was 1.5");
  }

  @Test
  void toJson_targetAndCases() {
    EvalReport r =
        Evaluation.run(
            suggester,
            List.of(
                new EvalCase("我的快递到哪了", "logistics.track", 1),
                new EvalCase("运费谁承担", "logistics.track", 2)));

    String json = r.toJson(0.9, Thresholds.DEFAULT, EvalReport.Cases.FAILURES);
    String same = r.toJson(1.0, Thresholds.DEFAULT, EvalReport.Cases.NONE);

    assertThat(json)
        .contains("\"target\":{\"precision\":0.9,\"reached\":{\"thresholds\":{\"answer\":");
    assertThat(json)
        .contains("\"cases\":[{\"line\":2,\"question\":\"运费谁承担\",\"expected\":\"logistics.track\"");
    assertThat(json).doesNotContain("\"line\":1,");
    // The same question asked with two labels cannot be answered right under both.
    EvalReport twice =
        Evaluation.run(
            suggester,
            List.of(
                new EvalCase("我的快递到哪了", "logistics.track", 1),
                new EvalCase("我的快递到哪了", "invoice.issue", 2)));
    assertThat(twice.toJson(0.9, Thresholds.DEFAULT, EvalReport.Cases.NONE))
        .contains("\"target\":{\"precision\":0.9,\"reached\":null}");
    assertThat(same).doesNotContain("\"cases\":[");
    assertThat(r.toJson())
        .doesNotContain("\"target\"")
        .doesNotContain("\"cases\":[")
        .contains("\"context\":{\"cases\":0,\"not_matched\":0,\"confidently_matched\":0}");
  }

  @Test
  void interval_wilson() {
    assertThat(EvalReport.Interval.of(0, 0)).isEqualTo(new EvalReport.Interval(0, 1));
    EvalReport.Interval half = EvalReport.Interval.of(50, 100);
    assertThat(half.low()).isCloseTo(0.4038, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(half.high()).isCloseTo(0.5962, org.assertj.core.data.Offset.offset(1e-4));
    EvalReport.Interval all = EvalReport.Interval.of(15, 15);
    assertThat(all.high()).isEqualTo(1.0);
    assertThat(all.low()).isCloseTo(0.7961, org.assertj.core.data.Offset.offset(1e-4));
  }

  @Test
  void toJson_hasTheDocumentedKeys() {
    EvalReport r =
        Evaluation.run(suggester, List.of(new EvalCase("我的快递到哪了", "logistics.track", 1)));

    assertThat(r.toJson())
        .startsWith(
            "{\"n\":1,\"top1\":1.0,\"top3\":1.0,\"mrr\":1.0,\"accuracy\":1.0,"
                + "\"oos\":{\"precision\":null,\"recall\":null,\"f1\":null},\"latency_us\":{\"p50\":");
  }

  @Test
  void read_malformedLines_reportedTogether(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("cases.tsv");
    Files.writeString(file, "# header\n好的\tgeneral.thanks\n没有tab\n\n多\t了\t一列\n", UTF_8);

    CorpusException e = catchThrowableOfType(CorpusException.class, () -> EvalCase.read(file));

    assertThat(e.problems())
        .extracting(CorpusProblem::toString)
        .containsExactly(
            file + ":3:1: expected 'question<TAB>expected_intent' but found no tab",
            file + ":5:4: expected 'question<TAB>expected_intent' but found a second tab");
  }
}
