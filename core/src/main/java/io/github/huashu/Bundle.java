package io.github.huashu;

import io.github.huashu.internal.json.Json;
import java.util.List;
import java.util.Objects;

/**
 * What an agent needs to handle an intent: 问题诊断 (what to check first), 解决方案 (the steps), 风险提示 (what
 * must not be promised or forgotten), who owns it, and a reply to send. An intent defined only by
 * labelled examples has an {@linkplain #isEmpty() empty} bundle.
 *
 * @param diagnosis what the agent checks first, or {@code ""}
 * @param solution the solution steps, in order
 * @param riskTip what must not be promised or forgotten, or {@code ""}
 * @param department the owning department, or {@code ""}
 * @param collaborators departments that help
 * @param tags free labels for reporting and search
 * @param reply a reply in the 缓冲-解释-方案 pattern
 * @param followUp what to tell or do after the problem is solved, or {@code ""}
 * @param options choices the shopper can be offered
 * @param mustMention conditions every reply for this intent has to state
 * @param related ids of intents an agent should also think of
 * @param verifyIdentity whether the shopper's identity must be verified before acting
 * @param ticket whether the case usually needs a follow-up ticket
 * @param escalate whether the case goes to a supervisor at once
 * @param checks auxiliary checks the agent runs alongside (商品状态核查, 物流时效提醒)
 *     <p>Immutable.
 */
public record Bundle(
    String diagnosis,
    List<String> solution,
    String riskTip,
    String department,
    List<String> collaborators,
    List<String> tags,
    Reply reply,
    String followUp,
    List<String> options,
    List<String> mustMention,
    List<String> related,
    boolean verifyIdentity,
    boolean ticket,
    boolean escalate,
    List<String> checks) {

  /** The bundle of an intent known only from examples. */
  public static final Bundle EMPTY =
      new Bundle(
          "",
          List.of(),
          "",
          "",
          List.of(),
          List.of(),
          Reply.NONE,
          "",
          List.of(),
          List.of(),
          List.of(),
          false,
          false,
          false,
          List.of());

  public Bundle {
    Objects.requireNonNull(diagnosis, "diagnosis");
    solution = List.copyOf(solution);
    Objects.requireNonNull(riskTip, "riskTip");
    Objects.requireNonNull(department, "department");
    collaborators = List.copyOf(collaborators);
    tags = List.copyOf(tags);
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(followUp, "followUp");
    options = List.copyOf(options);
    mustMention = List.copyOf(mustMention);
    related = List.copyOf(related);
    checks = List.copyOf(checks);
  }

  /** Whether the bundle says nothing at all. */
  public boolean isEmpty() {
    return equals(EMPTY);
  }

  /**
   * The bundle as one JSON object, with the fields and names a suggestion of {@link
   * SuggestResult#toJson()} carries inline ({@code diagnosis}, {@code solution}, {@code risk_tip},
   * {@code department}, … {@code checks}); the suggestion service's {@code /v1/intents} writes it.
   */
  public String toJson() {
    return Json.write(this);
  }
}
