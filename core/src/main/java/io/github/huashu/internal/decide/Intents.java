package io.github.huashu.internal.decide;

import io.github.huashu.Intent;
import io.github.huashu.internal.fuse.Engine;
import java.util.List;
import java.util.Optional;

/**
 * What deciding needs of a knowledge base: its intents by ordinal and by id, and a ranking of any
 * normalised text (for a follow-up read together with the earlier message, and for each clause of a
 * mixed request). Tests implement it with made-up intents and rankings. Implementations are
 * thread-safe.
 */
public interface Intents {

  /** The intent with this ordinal (the ordinals of {@link Engine.Ranked#intent()}). */
  Intent at(int ordinal);

  /** The intent with this id, if there is one. */
  Optional<Intent> byId(String id);

  /** The intents for a normalised text, most confident first. */
  List<Engine.Ranked> rank(String normalized);
}
