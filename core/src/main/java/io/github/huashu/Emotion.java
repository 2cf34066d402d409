package io.github.huashu;

import java.util.List;
import java.util.Objects;

/**
 * The shopper's emotion in one message, as {@link EmotionDetector} read it.
 *
 * @param label the emotion
 * @param intensity 0 for {@link Label#CALM}, else 1 (barely) to 10 (furious, panicking)
 * @param signals what was read, in order of appearance: the words, punctuation, emoji, repetition
 *     and waiting that raised or calmed the emotion
 *     <p>Immutable.
 */
public record Emotion(Label label, int intensity, List<Signal> signals) {

  /** The four emotions an agent handles differently. */
  public enum Label {
    /** No sign of trouble: answer plainly (缓冲 → 解释 → 方案). */
    CALM,
    /** 不满: complaining, disappointed, sarcastic. */
    DISSATISFIED,
    /** 焦虑: worried, in a hurry, asking again and again. */
    ANXIOUS,
    /** 愤怒: threats, insults, demands for a supervisor. */
    ANGRY
  }

  /**
   * One thing the detector read.
   *
   * @param kind {@code word}, {@code punctuation}, {@code emoji}, {@code repetition} or {@code
   *     waiting}
   * @param text what was read: the words or emoji as written (without the invisible characters
   *     {@link io.github.huashu.analyzers.TypedText} takes out), or a description
   * @param label the emotion it points to; {@link Label#CALM} for what calms (不着急, 谢谢) or a negated
   *     word (不是催你)
   * @param weight how much it counted, in intensity points
   */
  public record Signal(Kind kind, String text, Label label, double weight) {

    /** What kind of signal fired, each with the id it has in JSON. */
    public enum Kind {
      /** A word or phrase of the lexicon (怎么这么慢, 我要投诉, 不着急 …). */
      WORD,
      /** An emoji (😡, 😭, 🙄 …). */
      EMOJI,
      /** A run of ！ or ？. */
      PUNCTUATION,
      /** A clause said twice, or a message repeating an earlier one. */
      REPETITION,
      /** How long the shopper has waited. */
      WAITING,
      /** The classifier's reading. */
      MODEL;

      /** The lower-case id: {@code word}, {@code emoji}, … */
      public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
      }
    }

    public Signal {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(label, "label");
    }
  }

  /** A calm emotion with no signals. */
  public static final Emotion CALM = new Emotion(Label.CALM, 0, List.of());

  public Emotion {
    Objects.requireNonNull(label, "label");
    signals = List.copyOf(signals);
    if (intensity < 0 || intensity > 10 || (label == Label.CALM) != (intensity == 0)) {
      throw new IllegalArgumentException(
          "expected intensity 0 for CALM and 1 to 10 otherwise but was " + label + " " + intensity);
    }
  }

  /** Whether the shopper is dissatisfied or angry: a reply should start with empathy. */
  public boolean isUpset() {
    return label == Label.DISSATISFIED || label == Label.ANGRY;
  }
}
