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
    List<EvalCase> cases = List.of(
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
    EvalReport r = Evaluation.run(suggester, List.of(
        new EvalCase("我的快递到哪了", "invoice.issue", 1),
        new EvalCase("我的快递到哪了", EvalCase.NONE, 2)));

    assertThat(r.top1()).isEqualTo(0.0);
    assertThat(r.mrr()).isLessThan(1.0);
    assertThat(r.accuracy()).isEqualTo(0.0);
    assertThat(r.oosRecall()).isEqualTo(0.0);
    assertThat(Double.isNaN(r.oosPrecision())).isTrue();
    assertThat(r.confusions()).containsExactly(new EvalReport.Confusion("invoice.issue", "logistics.track", 1));
    assertThat(r.failures()).extracting(f -> f.evalCase().line()).containsExactly(1, 2);
    assertThat(r.toJson()).contains("\"oos\":{\"precision\":null,\"recall\":0.0,\"f1\":0.0}");
  }

  @Test
  void toJson_hasTheDocumentedKeys() {
    EvalReport r = Evaluation.run(suggester, List.of(new EvalCase("我的快递到哪了", "logistics.track", 1)));

    assertThat(r.toJson()).startsWith("{\"n\":1,\"top1\":1.0,\"top3\":1.0,\"mrr\":1.0,\"accuracy\":1.0,"
        + "\"oos\":{\"precision\":null,\"recall\":null,\"f1\":null},\"latency_us\":{\"p50\":");
  }

  @Test
  void read_malformedLines_reportedTogether(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("cases.tsv");
    Files.writeString(file, "# header\n好的\tgeneral.thanks\n没有tab\n\n多\t了\t一列\n", UTF_8);

    CorpusException e = catchThrowableOfType(CorpusException.class, () -> EvalCase.read(file));

    assertThat(e.problems()).extracting(CorpusProblem::toString).containsExactly(
        file + ":3:1: expected 'question<TAB>expected_intent' but was '没有tab'",
        file + ":5:1: expected 'question<TAB>expected_intent' but was '多\t了\t一列'");
  }
}
