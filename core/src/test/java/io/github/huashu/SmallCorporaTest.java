package io.github.huashu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A shop's first corpus: 1, 3 and 10 intents of 5 examples each, in other domains than the sample
 * (fresh food, shoes, cosmetics), asked paraphrases and out-of-scope questions written separately
 * from the examples ({@code corpora/small-shops/*-heldout.tsv}).
 */
class SmallCorporaTest {

  private static final List<String> SHOPS = List.of("fresh-1", "shoes-3", "cosmetics-10");

  private static KnowledgeBase load(String shop) throws CorpusException {
    return KnowledgeBase.load(TestCorpora.path("small-shops/" + shop));
  }

  private static EvalReport eval(String shop) throws CorpusException, IOException {
    return Evaluation.run(
        Suggester.builder(load(shop)).build(),
        EvalCase.read(TestCorpora.path("small-shops/" + shop + "-heldout.tsv")));
  }

  private static double answeredRight(EvalReport r) {
    long right =
        r.results().stream()
            .filter(c -> c.evalCase().inScope() && c.decision() == Decision.MATCH && c.topRight())
            .count();
    return (double) right / r.inScope();
  }

  @ParameterizedTest
  @ValueSource(strings = {"fresh-1", "shoes-3", "cosmetics-10"})
  void eval_outOfScope_neverAnswered(String shop) throws CorpusException, IOException {
    EvalReport r = eval(shop);

    assertThat(r.results())
        .filteredOn(c -> c.evalCase().outOfScope())
        .hasSizeGreaterThanOrEqualTo(6)
        .allSatisfy(
            c -> assertThat(c.decision()).as(c.evalCase().question()).isNotEqualTo(Decision.MATCH));
  }

  @Test
  void eval_paraphrases_answeredRight() throws CorpusException, IOException {
    // Three intents tell themselves apart on a handful of examples; ten need more of them (the
    // misses are mostly FALLBACKs, the cautious kind). One intent alone has nothing to contrast
    // with but the built-in background: its paraphrases are not gated, its examples are (below).
    assertThat(answeredRight(eval("shoes-3"))).as("shoes-3").isGreaterThanOrEqualTo(0.9);
    assertThat(answeredRight(eval("cosmetics-10"))).as("cosmetics-10").isGreaterThanOrEqualTo(0.65);
  }

  @Test
  void eval_confidence_meansWhatItSays() throws CorpusException, IOException {
    // Pooled over the three shops: MATCH answers are right at least as often as their confidence
    // says, give or take what 60-odd answers can tell.
    List<EvalReport.CaseResult> matches = new ArrayList<>();
    for (String shop : SHOPS) {
      eval(shop).results().stream()
          .filter(c -> c.decision() == Decision.MATCH)
          .forEach(matches::add);
    }
    double confidence =
        matches.stream().mapToDouble(EvalReport.CaseResult::confidence).average().orElseThrow();
    double precision =
        (double) matches.stream().filter(EvalReport.CaseResult::topRight).count() / matches.size();

    assertThat(matches).hasSizeGreaterThan(40);
    assertThat(precision).isGreaterThanOrEqualTo(0.9);
    assertThat(precision).isGreaterThanOrEqualTo(confidence - 0.05);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fresh-1", "shoes-3", "cosmetics-10"})
  void suggest_anExampleAsAShopperTypesIt_answersItsIntent(String shop) throws CorpusException {
    KnowledgeBase kb = load(shop);
    Suggester suggester = Suggester.builder(kb).build();

    for (Intent intent : kb.intents()) {
      for (String example : intent.examples()) {
        for (String asked : List.of(example, "亲，" + example + "？", example.replace("，", " "))) {
          SuggestResult r = suggester.suggest(asked);
          assertThat(r.decision()).as(asked).isEqualTo(Decision.MATCH);
          assertThat(r.suggestions().get(0).intent().id()).as(asked).isEqualTo(intent.id());
        }
      }
    }
  }

  /**
   * A question that is an example but for a question particle is not that example: analysis drops 吗
   * as it drops 了, and "收到了吗" (did it arrive?) was answered as the thank-you "收到了" with confidence
   * 0.99. One particle for another (吗, 么), a greeting before it, an interjection after it, or a
   * question word in the example (怎么, 什么) is still the example.
   */
  @Test
  void suggest_exampleTurnedIntoAQuestion_notTakenForTheExample(@TempDir Path dir)
      throws IOException, CorpusException {
    Files.writeString(
        dir.resolve("shop.yaml"),
        """
        intents:
          - id: shop.thanks
            name: 感谢结束
            department: 客服部
            reply: 不客气，祝您生活愉快！
            examples: [收到了, 好的谢谢, 没问题了谢谢你, 明白了, 好嘞辛苦了]
          - id: shop.track
            name: 物流查询
            department: 客服部
            reply: 亲，我帮您查一下物流。
            examples: [快递到哪了, 我的包裹现在在哪里, 物流怎么一直不更新, 什么时候能送到, 帮我查一下物流]
          - id: shop.invoice
            name: 开发票
            department: 财务部
            reply: 亲，下单时填写发票抬头即可。
            examples: [能开发票吗, 发票抬头怎么填, 我要开公司的发票, 电子发票在哪里下载, 发票什么时候开]
        """);
    Suggester suggester = Suggester.builder(KnowledgeBase.load(dir)).build();

    for (String asked : List.of("收到了", "亲，收到了", "能开发票么", "能开发票吗？", "发票抬头怎么填？", "发票什么时候开啊")) {
      assertThat(suggester.suggest(asked).suggestions().get(0).confidence())
          .as(asked)
          .isGreaterThanOrEqualTo(0.9);
    }
    for (String asked :
        List.of(
            "收到了吗", "收到了吗？", "收到了么", "收到了嗎", "收到了吗亲", "收到了吗，亲~", "收到了吗亲爱的", "收到了吗啊", "收到了吗哈哈")) {
      SuggestResult r = suggester.suggest(asked);
      assertThat(r.suggestions())
          .as(asked)
          .allSatisfy(s -> assertThat(s.confidence()).isLessThan(0.9));
    }
  }
}
