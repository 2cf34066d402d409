package io.github.huashu;

import io.github.huashu.Emotion.Label;
import io.github.huashu.Emotion.Signal;
import io.github.huashu.internal.emotion.EmotionModel;
import io.github.huashu.internal.emotion.Lexicon;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Reads the shopper's emotion from a message: {@link Label#CALM}, {@link Label#DISSATISFIED} (不满),
 * {@link Label#ANXIOUS} (焦虑) or {@link Label#ANGRY} (愤怒), with an intensity from 1 to 10 and the
 * signals that fired.
 *
 * <p>A lexicon of several hundred words and phrases (怎么这么慢, 会不会丢, 我要投诉, 12315, insults, and calming
 * ones such as 不着急, 慢慢来, 谢谢) is matched longest first on the folded text, so Traditional and
 * full-width input read the same; what cannot be seen is not read ({@link
 * io.github.huashu.analyzers.TypedText}), so a zero-width space or joiner inside 投诉 hides nothing.
 * A word preceded by a negation in the same clause (不是催你, 没那么着急) does not count; calming words
 * count only when no 但/可是/不过 follows them. Runs of {@code ！} and {@code ？}, emoji (😡, 😭, 🙄), a
 * clause repeated within the message, messages near-identical to the shopper's earlier ones, and
 * how long the shopper has waited add to the score. {@link #lexiconOnly()} decides on that alone:
 * the emotion with the highest score, if it reaches the threshold. {@link #standard()} passes the
 * reading and the message's character grams to a logistic regression trained on 1,200 labelled
 * messages bundled with the library (on first use), which catches feelings put without any known
 * word; repetition and waiting are added to its probabilities. The intensity is the lexicon's score
 * for the label, rounded and capped at 10, or from the model's confidence when no word fired.
 *
 * <p>Immutable and thread-safe; {@link #standard()} is shared.
 */
public final class EmotionDetector {

  /** Built on first use. */
  private static final class Standard {
    static final EmotionDetector LEXICON_ONLY = new EmotionDetector(Lexicon.standard(), null);
    static final EmotionDetector WITH_MODEL =
        new EmotionDetector(
            LEXICON_ONLY.lexicon,
            EmotionModel.train(
                LEXICON_ONLY.lexicon,
                List.of("emotion-train-a.tsv", "emotion-train-b.tsv", "emotion-train-c.tsv")));
  }

  private final Lexicon lexicon;

  /** The classifier over the lexicon's reading and character grams, or null for lexicon only. */
  private final EmotionModel model;

  /**
   * The model's probability a feeling needs when no word of the lexicon signals it. Chosen on the
   * development set (accuracy 0.907 without it, 0.915 with 0.35, 0.923 with 0.4); on the held-out
   * set 0.35 costs one message of 200 (84.0% to 83.5%), 0.4 three.
   */
  static final double MODEL_ALONE = 0.35;

  private EmotionDetector(Lexicon lexicon, EmotionModel model) {
    this.lexicon = lexicon;
    this.model = model;
  }

  /** The detector with the built-in lexicon and classifier. */
  public static EmotionDetector standard() {
    return Standard.WITH_MODEL;
  }

  /** The built-in lexicon alone, without the classifier: every decision traceable to its words. */
  public static EmotionDetector lexiconOnly() {
    return Standard.LEXICON_ONLY;
  }

  /** Reads the emotion of one message on its own. */
  public Emotion detect(String message) {
    return detect(message, List.of(), Duration.ZERO);
  }

  /**
   * Reads the emotion of a message in its conversation.
   *
   * @param message what the shopper wrote now
   * @param earlier the shopper's earlier messages in this conversation, oldest first; a message
   *     near-identical to one of them raises anxiety
   * @param waited how long the shopper has been waiting for an answer or a delivery ({@link
   *     Duration#ZERO} if unknown); ten minutes start to count
   */
  public Emotion detect(String message, Collection<String> earlier, Duration waited) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(earlier, "earlier");
    Objects.requireNonNull(waited, "waited");
    Lexicon.Reading reading = lexicon.read(message, earlier, waited);
    if (model == null) {
      return reading.byLexicon();
    }
    // The model was trained on single messages: it reads the message alone, and what the context
    // adds (repetition across messages, waiting) moves its probabilities by the lexicon's weights.
    boolean context = !earlier.isEmpty() || !waited.isZero();
    Lexicon.Reading alone = context ? lexicon.read(message, List.of(), Duration.ZERO) : reading;
    double[] p = model.probabilities(alone);
    if (context) {
      for (Label label : List.of(Label.ANGRY, Label.DISSATISFIED, Label.ANXIOUS)) {
        double added = reading.scores().get(label) - alone.scores().get(label);
        p[label.ordinal()] += Math.max(0, added) / 5;
      }
    }
    Label best = Label.CALM;
    for (Label label : Label.values()) {
      if (p[label.ordinal()] > p[best.ordinal()]) {
        best = label;
      }
    }
    List<Signal> signals = new ArrayList<>(reading.signals());
    signals.add(
        new Signal(
            Signal.Kind.MODEL,
            String.format(java.util.Locale.ROOT, "%.2f", p[best.ordinal()]),
            best,
            p[best.ordinal()]));
    double lexicon = reading.intensity(best);
    // Without a word of the lexicon behind it, a weak reading of the model is no feeling to answer
    // with an apology ("那运费谁出？" read as 不满 at 0.32).
    if (best == Label.CALM || (lexicon == 0 && p[best.ordinal()] < MODEL_ALONE)) {
      return new Emotion(Label.CALM, 0, signals);
    }
    // The lexicon's score says how strong; the model's confidence stands in when no word fired.
    double intensity = lexicon > 0 ? lexicon : 2 + 4 * p[best.ordinal()];
    return new Emotion(best, (int) Math.round(Math.min(10, Math.max(1, intensity))), signals);
  }
}
