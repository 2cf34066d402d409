package io.github.huashu.internal;

import io.github.huashu.KnowledgeBase;
import io.github.huashu.internal.match.Engine;
import java.util.function.Function;

/**
 * Reaches a knowledge base's engine from outside its package, for the benchmarks that time the
 * engine's parts alone. Not API: it may change or go in any release. Thread-safe.
 */
public final class Bridge {

  private static volatile Function<KnowledgeBase, Engine> engines;

  private Bridge() {}

  /** Called once by {@link KnowledgeBase}'s class initialiser. */
  public static void engines(Function<KnowledgeBase, Engine> access) {
    engines = access;
  }

  /** The engine a knowledge base matches with. */
  public static Engine engine(KnowledgeBase kb) {
    return engines.apply(kb);
  }
}
