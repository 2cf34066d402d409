package io.github.huashu.internal.decide;

import io.github.huashu.Advice;
import io.github.huashu.Bundle;
import io.github.huashu.Decision;
import io.github.huashu.Emotion;
import io.github.huashu.Intent;
import io.github.huashu.Suggestion;
import java.util.ArrayList;
import java.util.List;

/**
 * What the agent should do besides sending the reply: escalate an angry shopper or an intent that
 * asks for it, verify identity, create a ticket, the intent's checks, and what the shopper may ask
 * next. Immutable and thread-safe.
 */
public final class AdviceRules {

  /** Anger from this intensity on asks for a supervisor. */
  static final int ESCALATE_INTENSITY = 7;

  private final Intents intents;

  public AdviceRules(Intents intents) {
    this.intents = intents;
  }

  /** The advice for a decision; the first suggestion of a MATCH is the intent answered. */
  public List<Advice> advise(Decision decision, List<Suggestion> suggestions, Emotion emotion) {
    List<Advice> advice = new ArrayList<>();
    Intent answered = decision == Decision.MATCH ? suggestions.get(0).intent() : null;
    Bundle bundle = answered == null ? Bundle.EMPTY : answered.bundle();
    if (emotion.label() == Emotion.Label.ANGRY && emotion.intensity() >= ESCALATE_INTENSITY) {
      advice.add(
          new Advice(Advice.Kind.ESCALATE, "顾客情绪激动（愤怒 " + emotion.intensity() + "/10），请主管介入"));
    } else if (bundle.escalate()) {
      advice.add(new Advice(Advice.Kind.ESCALATE, "「" + answered.name() + "」需升级给主管处理"));
    }
    if (bundle.verifyIdentity()) {
      advice.add(new Advice(Advice.Kind.VERIFY_IDENTITY, "操作前先核实身份（绑定手机验证码或账号信息）"));
    }
    if (decision == Decision.FALLBACK) {
      advice.add(new Advice(Advice.Kind.CREATE_TICKET, "没有把握的回答：转人工并创建服务工单跟进"));
    } else if (bundle.ticket()) {
      advice.add(new Advice(Advice.Kind.CREATE_TICKET, "「" + answered.name() + "」通常需要创建工单跟进"));
    }
    for (String check : bundle.checks()) {
      advice.add(new Advice(Advice.Kind.CHECK, check));
    }
    for (String id : bundle.related()) {
      intents
          .byId(id)
          .ifPresent(
              related -> advice.add(new Advice(Advice.Kind.RELATED, "顾客可能还会问：" + related.name())));
    }
    return advice;
  }
}
