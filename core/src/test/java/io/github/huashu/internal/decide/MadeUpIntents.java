package io.github.huashu.internal.decide;

import io.github.huashu.Bundle;
import io.github.huashu.Intent;
import io.github.huashu.TestBundles;
import io.github.huashu.internal.fuse.Engine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Intents and rankings made up for a test: no corpus, no training. Not thread-safe to build. */
final class MadeUpIntents implements Intents {

  private final List<Intent> intents = new ArrayList<>();
  private final Map<String, List<Engine.Ranked>> rankings = new HashMap<>();
  final List<String> ranked = new ArrayList<>();

  /** Adds an intent; its ordinal is the order of adding. */
  MadeUpIntents add(String id, String name, String category, List<String> related) {
    return add(id, name, category, related, false, false, false, List.of());
  }

  MadeUpIntents add(
      String id,
      String name,
      String category,
      List<String> related,
      boolean verifyIdentity,
      boolean ticket,
      boolean escalate,
      List<String> checks) {
    Bundle bundle =
        TestBundles.bundle()
            .related(related)
            .verifyIdentity(verifyIdentity)
            .ticket(ticket)
            .escalate(escalate)
            .checks(checks)
            .build();
    intents.add(
        new Intent(id, name, category, "", List.of(), List.of(name + "的例句", name + "怎么办"), bundle));
    return this;
  }

  /** What {@link #rank} returns for this text. */
  MadeUpIntents ranks(String text, Engine.Ranked... ranking) {
    rankings.put(text, List.of(ranking));
    return this;
  }

  int ordinal(String id) {
    for (int i = 0; i < intents.size(); i++) {
      if (intents.get(i).id().equals(id)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no intent " + id);
  }

  /** A ranked intent with only a confidence (and its first example as the nearest). */
  Engine.Ranked r(String id, double confidence) {
    return new Engine.Ranked(ordinal(id), confidence, confidence, 1f, 0.5, 0, List.of("词"));
  }

  @Override
  public Intent at(int ordinal) {
    return intents.get(ordinal);
  }

  @Override
  public Optional<Intent> byId(String id) {
    return intents.stream().filter(i -> i.id().equals(id)).findFirst();
  }

  @Override
  public List<Engine.Ranked> rank(String normalized) {
    ranked.add(normalized);
    return rankings.getOrDefault(normalized, List.of());
  }
}
