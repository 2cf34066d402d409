package io.github.huashu.internal.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.huashu.Advice;
import io.github.huashu.Decision;
import io.github.huashu.Emotion;
import io.github.huashu.Suggestion;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdviceRulesTest {

  private final MadeUpIntents intents =
      new MadeUpIntents()
          .add(
              "a.account", "改绑手机", "账户", List.of("b.password"), true, true, false, List.of("核对订单号"))
          .add("b.password", "找回密码", "账户", List.of());
  private final AdviceRules rules = new AdviceRules(intents);
  private final Decider decider = new Decider(intents, 3);

  private List<Suggestion> answered(String id) {
    return List.of(decider.suggestion(intents.r(id, 0.9)));
  }

  @Test
  void advise_match_followsTheBundle() {
    List<Advice> advice = rules.advise(Decision.MATCH, answered("a.account"), Emotion.CALM);

    assertThat(advice)
        .extracting(Advice::kind)
        .containsExactly(
            Advice.Kind.VERIFY_IDENTITY,
            Advice.Kind.CREATE_TICKET,
            Advice.Kind.CHECK,
            Advice.Kind.RELATED);
    assertThat(advice.get(3).message()).isEqualTo("顾客可能还会问：找回密码");
  }

  @Test
  void advise_angryFromSeven_escalates_belowNot() {
    Emotion angry = new Emotion(Emotion.Label.ANGRY, 7, List.of());
    Emotion cross = new Emotion(Emotion.Label.ANGRY, 6, List.of());

    assertThat(rules.advise(Decision.MATCH, answered("b.password"), angry))
        .extracting(Advice::message)
        .containsExactly("顾客情绪激动（愤怒 7/10），请主管介入");
    assertThat(rules.advise(Decision.MATCH, answered("b.password"), cross)).isEmpty();
  }

  @Test
  void advise_fallback_ticketNotTheSuggestionsBundle() {
    assertThat(rules.advise(Decision.FALLBACK, answered("a.account"), Emotion.CALM))
        .extracting(Advice::kind)
        .containsExactly(Advice.Kind.CREATE_TICKET);
  }
}
