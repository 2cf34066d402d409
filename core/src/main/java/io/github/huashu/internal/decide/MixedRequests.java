package io.github.huashu.internal.decide;

import io.github.huashu.Intent;
import io.github.huashu.Suggestion;
import io.github.huashu.Thresholds;
import io.github.huashu.internal.fuse.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the other questions of a message that asks two things ("运费多少？另外能开发票吗"): the clauses split
 * at 另外/还有/顺便/对了 or at sentence punctuation, each matched alone; a clause answered confidently by
 * another intent is one more question. Single-clause messages (most) cost nothing. Immutable and
 * thread-safe.
 */
public final class MixedRequests {

  /** Where a message may turn to another question. */
  private static final Pattern CLAUSES = Pattern.compile("[。！？!?；;]+|[,，\\s]+(?=另外|还有|顺便|对了|再问)");

  /** Words that turn to another matter, where a clause starts (还有 inside 还有库存吗 is "still"). */
  private static final Pattern TURNS = Pattern.compile("(?:^|[,，。！？!?；;\\s])(?:另外|还有|顺便|对了|再问)");

  /** Clauses shorter than this (normalised) are not questions of their own. */
  private static final int MIN_CLAUSE = 4;

  /** Other questions answered in one reply, at most. */
  private static final int MAX_ALSO = 2;

  private final Intents intents;
  private final Decider decider;

  public MixedRequests(Intents intents, Decider decider) {
    this.intents = intents;
    this.decider = decider;
  }

  /** The other questions of a message whose main question {@code main} answers. */
  public List<Suggestion> alsoAsked(String matched, Intent main, Thresholds t) {
    String[] clauses = CLAUSES.split(matched);
    if (clauses.length < 2) {
      return List.of();
    }
    // Without a word that turns to another matter, two sentences are more often one matter told
    // twice (快递到哪了？好几天没更新了): then only an unrelated intent of another category counts.
    boolean turns = TURNS.matcher(matched).find();
    List<Suggestion> also = new ArrayList<>();
    for (String clause : clauses) {
      String c = clause.strip();
      if (c.length() < MIN_CLAUSE || also.size() == MAX_ALSO) {
        continue;
      }
      List<Engine.Ranked> ranked = intents.rank(c);
      if (ranked.isEmpty()) {
        continue;
      }
      Engine.Ranked top = ranked.get(0);
      double second = ranked.size() < 2 ? 0 : ranked.get(1).confidence();
      Intent intent = intents.at(top.intent());
      boolean known =
          intent.id().equals(main.id())
              || also.stream().anyMatch(a -> a.intent().id().equals(intent.id()));
      boolean near =
          main.bundle().related().contains(intent.id())
              || intent.bundle().related().contains(main.id())
              || (!main.category().isEmpty() && main.category().equals(intent.category()));
      if (!known && (turns || !near) && t.answers(top.confidence(), second)) {
        also.add(decider.suggestion(top));
      }
    }
    return also;
  }
}
