package io.github.huashu.internal.fuse;

import io.github.huashu.internal.classify.Centroids;
import io.github.huashu.internal.features.FeatureSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

/**
 * A calibration fold of a large corpus simulated on the matcher trained on all of it ({@link
 * Evidence#simulate}): which of the index's documents the fold holds out, each candidate intent's
 * centroid without its held-out vectors (worked out once per intent and fold), and the vocabulary
 * of the texts it keeps. Thread-safe: the fold's questions are asked from the load's pool.
 */
public final class SimulatedFold {

  /**
   * The texts a fold holds out of the matcher's training. Intent ordinals and example ordinals are
   * the training samples'.
   */
  public interface HeldOut {
    /** Whether the fold holds out every text of the intent (a question no intent covers). */
    boolean absent(int intent);

    /** Whether the fold holds out this example of an intent it does not hold out whole. */
    boolean heldOut(int intent, int example);

    /** The intent's training samples: its examples and its name and terms, if trained on. */
    List<Evidence.Sample> texts(int intent);

    /** How many training texts the fold holds out, of every intent. */
    int textsHeldOut();

    /** How many of the texts the fold holds out use the word (each counted once). */
    int heldOutUsing(String word);
  }

  private final HeldOut fold;

  /** Per document of the matcher's index, whether the fold holds it out. */
  final boolean[] skipped;

  private final Map<Integer, Centroids.Without> centroids = new ConcurrentHashMap<>();
  private final Vocabulary.Without vocabulary;

  SimulatedFold(HeldOut fold, boolean[] skipped) {
    this.fold = fold;
    this.skipped = skipped;
    this.vocabulary = new KeptVocabulary(fold);
  }

  /** Which of the intent's example ordinals the fold holds out. */
  IntPredicate examplesHeldOut(int intent) {
    return example -> fold.heldOut(intent, example);
  }

  /** The intent's centroid (class {@code k}) without the vectors of the examples held out. */
  Centroids.Without centroid(int intent, int k, Centroids fitted, FeatureSpace space) {
    return centroids.computeIfAbsent(
        intent,
        i -> {
          List<FeatureSpace.Vector> removed = new ArrayList<>();
          for (Evidence.Sample text : fold.texts(i)) {
            if (text.example() >= 0 && fold.heldOut(i, text.example())) {
              removed.add(space.vector(text.features()));
            }
          }
          return fitted.without(k, removed);
        });
  }

  /** The vocabulary as the fold's matcher would have it. */
  Vocabulary.Without vocabulary() {
    return vocabulary;
  }

  /** The vocabulary of the texts the fold keeps. */
  private record KeptVocabulary(HeldOut fold) implements Vocabulary.Without {

    @Override
    public int texts() {
      return fold.textsHeldOut();
    }

    @Override
    public int using(String word) {
      return fold.heldOutUsing(word);
    }

    @Override
    public boolean lost(int intent, String word) {
      if (fold.absent(intent)) {
        return true;
      }
      for (Evidence.Sample text : fold.texts(intent)) {
        boolean kept = text.example() < 0 || !fold.heldOut(intent, text.example());
        if (kept && text.text().tokens().contains(word)) {
          return false;
        }
      }
      return true;
    }
  }
}
