package io.github.huashu.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.huashu.Bundle;
import io.github.huashu.CorpusProblem;
import io.github.huashu.Decision;
import io.github.huashu.EvalCase;
import io.github.huashu.EvalReport;
import io.github.huashu.Evaluation;
import io.github.huashu.Intent;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.LintReport;
import io.github.huashu.SuggestResult;
import io.github.huashu.Suggester;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled corpus: complete, clean, grounded in the seeds, and accurate on held-out questions. */
class SampleCorpusTest {

  private static KnowledgeBase kb;
  private static Suggester suggester;

  @BeforeAll
  static void load() {
    kb = SampleCorpus.load();
    suggester = Suggester.builder(kb).build();
  }

  /** id, name, category, scene, department of every intent the taxonomy requires. */
  private static List<String[]> taxonomy() throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        SampleCorpusTest.class.getResourceAsStream("/intents.tsv"), UTF_8))) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          rows.add(line.split("\t"));
        }
      }
    }
    return rows;
  }

  @Test
  void load_coversEveryIntentOfTheTaxonomyExactly() throws IOException {
    List<String[]> taxonomy = taxonomy();
    assertThat(taxonomy).hasSize(73);
    for (String[] row : taxonomy) {
      Intent intent = kb.intent(row[0]).orElseThrow(() -> new AssertionError("missing " + row[0]));
      assertThat(intent.name()).as(row[0]).isEqualTo(row[1]);
      assertThat(intent.category()).as(row[0]).isEqualTo(row[2]);
      assertThat(intent.scene()).as(row[0]).isEqualTo(row[3]);
      assertThat(intent.bundle().department()).as(row[0]).isEqualTo(row[4]);
    }
  }

  @Test
  void intents_haveFullBundlesAndEnoughExamples() {
    for (Intent intent : kb.intents()) {
      Bundle b = intent.bundle();
      assertThat(intent.examples()).as(intent.id()).hasSizeGreaterThanOrEqualTo(20);
      assertThat(b.diagnosis()).as(intent.id()).isNotBlank();
      assertThat(b.solution()).as(intent.id()).isNotEmpty();
      assertThat(b.riskTip()).as(intent.id()).isNotBlank();
      assertThat(b.collaborators()).as(intent.id()).isNotEmpty();
      assertThat(b.tags()).as(intent.id()).isNotEmpty();
      assertThat(b.followUp()).as(intent.id()).isNotBlank();
      assertThat(b.related()).as(intent.id()).isNotEmpty();
      assertThat(intent.terms()).as(intent.id()).isNotEmpty();
      // 缓冲-解释-方案
      assertThat(b.reply().buffer()).as(intent.id()).isNotBlank();
      assertThat(b.reply().explanation()).as(intent.id()).isNotBlank();
      assertThat(b.reply().solution()).as(intent.id()).isNotBlank();
    }
  }

  @Test
  void lint_isClean(@TempDir Path copy) throws IOException {
    SampleCorpus.copyTo(copy);

    LintReport report = KnowledgeBase.lint(copy, 20);

    assertThat(report.problems()).extracting(CorpusProblem::toString).isEmpty();
    assertThat(report.intents()).isGreaterThanOrEqualTo(73);
  }

  @Test
  void replies_neverUseTheSeedsBlacklistOrVagueTimes() {
    List<String> blacklist = List.of("不可能", "你自己看规则", "物流不归我们管", "这不是我们的问题", "我也没办法", "很快", "尽快");
    for (Intent intent : kb.intents()) {
      String reply = intent.bundle().reply().text() + intent.bundle().followUp();
      for (String phrase : blacklist) {
        assertThat(reply).as(intent.id()).doesNotContain(phrase);
      }
    }
  }

  @Test
  void replies_mentionWhatTheirIntentMustMention() {
    for (Intent intent : kb.intents()) {
      for (String condition : intent.bundle().mustMention()) {
        assertThat(intent.bundle().reply().text()).as(intent.id()).contains(condition);
      }
    }
  }

  @Test
  void bundles_followTheSeeds() {
    Bundle sevenDay = kb.intent("aftersales.return_7day").orElseThrow().bundle();
    assertThat(sevenDay.reply().text()).contains("未拆封").contains("二次销售");
    assertThat(sevenDay.related()).contains("aftersales.pickup_return");

    Bundle delay = kb.intent("logistics.delay").orElseThrow().bundle();
    assertThat(delay.reply().text()).containsPattern("\\{预计送达\\}|\\d+小时");

    Bundle crossBorder = kb.intent("aftersales.cross_border").orElseThrow().bundle();
    assertThat(crossBorder.diagnosis() + crossBorder.solution() + crossBorder.reply().text())
        .containsAnyOf("海关", "清关");

    for (Intent intent : kb.intents()) {
      if (intent.id().startsWith("account.")) {
        assertThat(intent.bundle().verifyIdentity()).as(intent.id()).isTrue();
      }
      if (intent.id().startsWith("complaint.")) {
        assertThat(intent.bundle().options()).as(intent.id()).hasSizeBetween(2, 3);
        assertThat(intent.bundle().ticket()).as(intent.id()).isTrue();
      }
    }
  }

  @Test
  void placeholders_areTheDocumentedOnes() {
    Pattern placeholder = Pattern.compile("\\{([^}]*)}");
    List<String> known = List.of("订单号", "物流单号", "快递公司", "预计送达", "退款金额", "到账时间", "退货地址",
        "商品名称", "优惠券金额", "工单号", "客服电话", "处理时限");
    for (Intent intent : kb.intents()) {
      Matcher m = placeholder.matcher(intent.bundle().reply().text() + intent.bundle().followUp());
      while (m.find()) {
        assertThat(known).as(intent.id()).contains(m.group(1));
      }
    }
  }

  @Test
  void suggest_theBriefsExample_matchesSevenDayReturns() {
    SuggestResult r = suggester.suggest("七天无理由退货怎么退？拆封了还能退吗");

    assertThat(r.decision()).isEqualTo(Decision.MATCH);
    assertThat(r.suggestions().get(0).intent().id()).isEqualTo("aftersales.return_7day");
  }

  @Test
  void eval_heldOut_meetsTheBar() {
    List<EvalCase> cases = SampleCorpus.heldOut();

    EvalReport report = Evaluation.run(suggester, cases);

    assertThat(cases).hasSizeGreaterThanOrEqualTo(73 * 5 + 40);
    assertThat(report.top1()).as("top1").isGreaterThanOrEqualTo(0.90);
    assertThat(report.oosF1()).as("out-of-scope F1").isGreaterThanOrEqualTo(0.80);
  }

  @Test
  void eval_typos_repairMakesTheDifference() {
    KnowledgeBase noRepair = SampleCorpus.load(KnowledgeBase.loader().repairTypos(false));
    List<EvalCase> cases = SampleCorpus.typos();

    EvalReport with = Evaluation.run(suggester, cases);
    EvalReport without = Evaluation.run(Suggester.builder(noRepair).build(), cases);

    assertThat(cases).hasSizeGreaterThanOrEqualTo(150);
    assertThat(with.top1()).as("top1 with repair").isGreaterThanOrEqualTo(0.95);
    assertThat(with.accuracy())
        .as("accuracy with repair vs without")
        .isGreaterThanOrEqualTo(without.accuracy() + 0.03);
  }

  @Test
  void eval_heldOut_centroids_closeToTheClassifier() {
    // The scoring large corpora get, tried on the sample: a little less accurate, much faster to
    // train on thousands of intents.
    KnowledgeBase centroids =
        SampleCorpus.load(KnowledgeBase.loader().scoring(KnowledgeBase.Scoring.CENTROIDS));

    EvalReport report = Evaluation.run(Suggester.builder(centroids).build(), SampleCorpus.heldOut());

    assertThat(report.top1()).as("top1").isGreaterThanOrEqualTo(0.90);
    assertThat(report.top3()).as("top3").isGreaterThanOrEqualTo(0.97);
    assertThat(report.oosF1()).as("out-of-scope F1").isGreaterThanOrEqualTo(0.65);
  }

  @Test
  void heldOut_isNeverTrainedOn() {
    List<String> training = new ArrayList<>();
    kb.intents().forEach(i -> training.addAll(i.examples()));

    List<EvalCase> all = new ArrayList<>(SampleCorpus.heldOut());
    all.addAll(SampleCorpus.typos());
    for (EvalCase c : all) {
      assertThat(training).as("line %d", c.line()).doesNotContain(c.question());
      if (c.inScope()) {
        assertThat(kb.intent(c.expected())).as("line %d", c.line()).isPresent();
      }
    }
  }
}
