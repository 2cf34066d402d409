package io.github.huashu.internal.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.huashu.Bundle;
import io.github.huashu.Emotion;
import io.github.huashu.Finding;
import io.github.huashu.Intent;
import io.github.huashu.TestBundles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The draft checker on the built-in style, without a corpus. */
class DraftCheckerTest {

  private static final Emotion ANGRY = new Emotion(Emotion.Label.ANGRY, 8, List.of());

  private static Intent returns() {
    Bundle bundle = TestBundles.bundle().mustMention("未拆封").build();
    return new Intent("a.return", "七天无理由退货", "售后", "", List.of(), List.of("怎么退货"), bundle);
  }

  private static String span(String draft, Finding f) {
    return draft.substring(f.start(), f.end());
  }

  @Test
  void check_everyRule_locatedInTheDraftAsWritten() {
    String draft = "这不是我们的问题，你自己看规则。ＳＫＵ不对的话很快给你处理。";

    List<Finding> findings = DraftChecker.check(draft, returns(), ANGRY, Style.DEFAULT);

    assertThat(findings)
        .extracting(Finding::rule)
        .containsExactlyInAnyOrder(
            Finding.Rule.NEGATIVE_PHRASE,
            Finding.Rule.NEGATIVE_PHRASE,
            Finding.Rule.JARGON,
            Finding.Rule.VAGUE_TIME,
            Finding.Rule.MISSING_CONDITION,
            Finding.Rule.NO_EMPATHY);
    assertThat(findings)
        .filteredOn(f -> f.rule() == Finding.Rule.NEGATIVE_PHRASE)
        .extracting(f -> span(draft, f))
        .containsExactly("这不是我们的问题", "你自己看规则");
    Finding jargon =
        findings.stream().filter(f -> f.rule() == Finding.Rule.JARGON).findFirst().orElseThrow();
    assertThat(span(draft, jargon)).isEqualTo("ＳＫＵ"); // found folded, located as typed
    assertThat(jargon.suggestion()).isEqualTo("改为「商品型号或款式」");
    Finding missing =
        findings.stream()
            .filter(f -> f.rule() == Finding.Rule.MISSING_CONDITION)
            .findFirst()
            .orElseThrow();
    assertThat(missing.start()).isEqualTo(draft.length()).isEqualTo(missing.end());
    assertThat(missing.message()).isEqualTo("回复「七天无理由退货」必须说明「未拆封」，否则顾客可能误解规则");
  }

  @Test
  void check_vagueTimeWithAConcreteTimeInTheSentence_fine() {
    assertThat(DraftChecker.check("我们会尽快处理，24小时内给您答复。", null, Emotion.CALM, Style.DEFAULT))
        .isEmpty();
    assertThat(DraftChecker.check("我们会尽快处理。", null, Emotion.CALM, Style.DEFAULT))
        .extracting(Finding::rule)
        .containsExactly(Finding.Rule.VAGUE_TIME);
  }

  @Test
  void check_goodDraftForAnUpsetShopper_clean() {
    String draft = "非常理解您的心情，给您添麻烦了。商品未拆封的可以七天无理由退货，我已为您提交申请，24小时内审核完成。";

    assertThat(DraftChecker.check(draft, returns(), ANGRY, Style.DEFAULT)).isEmpty();
  }

  @Test
  void check_calmShopper_noEmpathyNeeded() {
    assertThat(DraftChecker.check("商品未拆封可以退。", returns(), Emotion.CALM, Style.DEFAULT)).isEmpty();
  }
}
