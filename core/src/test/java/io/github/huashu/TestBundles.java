package io.github.huashu;

import java.util.List;

/** Bundles made up for tests, every field empty unless set. Not thread-safe. */
public final class TestBundles {

  private Reply reply = Reply.NONE;
  private String followUp = "";
  private List<String> options = List.of();
  private List<String> mustMention = List.of();
  private List<String> related = List.of();
  private boolean verifyIdentity;
  private boolean ticket;
  private boolean escalate;
  private List<String> checks = List.of();

  private TestBundles() {}

  public static TestBundles bundle() {
    return new TestBundles();
  }

  public TestBundles reply(Reply reply) {
    this.reply = reply;
    return this;
  }

  public TestBundles followUp(String followUp) {
    this.followUp = followUp;
    return this;
  }

  public TestBundles options(String... options) {
    this.options = List.of(options);
    return this;
  }

  public TestBundles mustMention(String... conditions) {
    this.mustMention = List.of(conditions);
    return this;
  }

  public TestBundles related(List<String> related) {
    this.related = related;
    return this;
  }

  public TestBundles verifyIdentity(boolean verifyIdentity) {
    this.verifyIdentity = verifyIdentity;
    return this;
  }

  public TestBundles ticket(boolean ticket) {
    this.ticket = ticket;
    return this;
  }

  public TestBundles escalate(boolean escalate) {
    this.escalate = escalate;
    return this;
  }

  public TestBundles checks(List<String> checks) {
    this.checks = checks;
    return this;
  }

  public Bundle build() {
    return new Bundle(
        "",
        List.of(),
        "",
        "",
        List.of(),
        List.of(),
        reply,
        followUp,
        options,
        mustMention,
        related,
        verifyIdentity,
        ticket,
        escalate,
        checks);
  }
}
