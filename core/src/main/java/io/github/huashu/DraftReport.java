package io.github.huashu;

import io.github.huashu.internal.json.Json;
import java.util.List;

/**
 * What {@link KnowledgeBase#lintReply} found in an agent's draft reply, as {@link LintReport} is
 * what {@link KnowledgeBase#lint} found in a corpus.
 *
 * @param findings the problems, in order of position in the draft; empty if the draft is fine
 *     <p>Immutable.
 */
public record DraftReport(List<Finding> findings) {

  public DraftReport {
    findings = List.copyOf(findings);
  }

  /** Whether the draft can be sent as it is. */
  public boolean isClean() {
    return findings.isEmpty();
  }

  /**
   * The report as the JSON {@code lint-reply --json} prints: {@code {"findings": [{"rule", "start",
   * "end", "message", "suggestion"}]}}, the rule by its id ({@code negative-phrase}).
   */
  public String toJson() {
    return Json.write(this);
  }
}
