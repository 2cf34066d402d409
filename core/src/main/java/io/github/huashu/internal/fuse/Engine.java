package io.github.huashu.internal.fuse;

import io.github.huashu.analyzers.ChineseNormalizer;
import io.github.huashu.internal.features.Featurizer;
import io.github.huashu.internal.normalize.AskingPart;
import io.github.huashu.internal.snapshot.SnapshotInput;
import io.github.huashu.internal.snapshot.SnapshotOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The runtime matching pipeline of one knowledge base: a question is analysed, the classifier and
 * the retrieval index propose candidates with their evidence, and the calibrator fuses the evidence
 * into confidences. Built by {@link io.github.huashu.internal.train.Trainer}. Immutable and
 * thread-safe.
 */
public final class Engine {

  /** An intent with its confidence and the evidence behind it. */
  public record Ranked(
      int intent,
      double confidence,
      double probability,
      float retrievalScore,
      double similarity,
      int nearestExample,
      List<String> matchedTerms) {}

  /**
   * The intents for a question, most confident first, the text they were matched on, and how much
   * of it the corpus knows.
   *
   * @param words how much the matched text's distinct words say: a Latin word counts one, every
   *     letter of another script (a Han character, kana, Hangul) one; digits, punctuation and the
   *     particles analysis drops count nothing
   * @param knownWords how much of that is in words the corpus's texts use
   */
  public record Ranking(String matched, List<Ranked> ranked, int words, int knownWords) {

    /** Nothing to match: no intents, no words. */
    public static final Ranking NOTHING = new Ranking("", List.of(), 0, 0);
  }

  private final Featurizer featurizer;
  private final Evidence matcher;
  private final Calibrator calibrator;

  /** Per intent ordinal, its examples as written; empty if not given. */
  private final List<List<String>> examples;

  /** An example as written to the text it is matched as (its metadata taken out). */
  private final UnaryOperator<String> asMatched;

  public Engine(Featurizer featurizer, Evidence matcher, Calibrator calibrator) {
    this(featurizer, matcher, calibrator, List.of(), UnaryOperator.identity());
  }

  private Engine(
      Featurizer featurizer,
      Evidence matcher,
      Calibrator calibrator,
      List<List<String>> examples,
      UnaryOperator<String> asMatched) {
    this.featurizer = featurizer;
    this.matcher = matcher;
    this.calibrator = calibrator;
    this.examples = examples;
    this.asMatched = asMatched;
  }

  /**
   * This engine, knowing the examples as written (per intent ordinal, in the order the matcher was
   * trained on them): a question then counts as nearly an example only if they agree on asking (see
   * {@link #asksAlike}). Without them, "收到了吗" is nearly the example "收到了" (吗 and 了 are not content
   * words) and was answered as a thank-you with confidence 0.99.
   *
   * @param asMatched what an example's text becomes before it is matched (its metadata taken out),
   *     as training prepared it
   */
  public Engine withExamples(List<List<String>> examples, UnaryOperator<String> asMatched) {
    return new Engine(
        featurizer, matcher, calibrator, List.copyOf(examples), Objects.requireNonNull(asMatched));
  }

  /**
   * Writes the trained engine: how it analyses, the matcher and the calibrator. {@link #read} gives
   * an engine that ranks every question exactly as this one.
   *
   * @throws IllegalStateException if the featurizer was given its analyzers rather than built from
   *     an analysis (only tests and benchmarks build engines so)
   */
  public void write(SnapshotOutput out) {
    out.writeSection(featurizer::write);
    out.writeSection(matcher::write);
    calibrator.write(out);
  }

  /** Reads what {@link #write} wrote; never trains. */
  public static Engine read(SnapshotInput in) {
    SnapshotInput.Part<Featurizer> featurizer = in.readSection(Featurizer::read);
    SnapshotInput.Part<Evidence> matcher = in.readSection(Evidence::read);
    Calibrator calibrator = Calibrator.read(in);
    return new Engine(featurizer.join(), matcher.join(), calibrator);
  }

  /** Ranks the intents for a normalised question, most confident first. */
  public Ranking rank(String normalized) {
    Featurizer.Text question = featurizer.analyze(AskingPart.of(normalized));
    List<Evidence.Candidate> candidates = matcher.candidates(question);
    double[] confidence = new double[candidates.size()];
    for (int i = 0; i < candidates.size(); i++) {
      confidence[i] = calibrator.probability(Calibrator.evidence(candidates.get(i)));
    }
    nearExample(candidates, confidence, question.normalized());
    double sum = 0;
    for (double c : confidence) {
      sum += c;
    }
    // Confidences are probabilities of being the intent; at most one can be, so they sum to <= 1.
    double scale = sum > 1 ? 1 / sum : 1;
    List<Ranked> ranked = new ArrayList<>(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      Evidence.Candidate c = candidates.get(i);
      ranked.add(
          new Ranked(
              c.intent(),
              confidence[i] * scale,
              c.probability(),
              c.bm25(),
              c.similarity(),
              c.nearestExample(),
              c.matchedTerms()));
    }
    ranked.sort(
        (a, b) ->
            a.confidence() != b.confidence()
                ? Double.compare(b.confidence(), a.confidence())
                : Double.compare(b.probability(), a.probability()));
    int words = 0;
    int known = 0;
    for (String token : question.distinctTokens()) {
      int says = says(token);
      words += says;
      known += says > 0 && matcher.knows(token) ? says : 0;
    }
    return new Ranking(question.normalized(), List.copyOf(ranked), words, known);
  }

  /**
   * How much a word says: one for Latin letters (a word of them, iphone), one per letter of another
   * script (一个 is two, as はどうすればいいですか is eleven), nothing for digits and punctuation.
   */
  static int says(String token) {
    int letters = 0;
    boolean latin = false;
    for (int i = 0; i < token.length(); ) {
      int cp = token.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetter(cp)) {
        if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
          latin = true;
        } else {
          letters++;
        }
      }
    }
    return letters + (latin ? 1 : 0);
  }

  /** A question at least this similar to an example (Dice of character grams) is nearly it. */
  private static final double NEAR_EXAMPLE = 0.9;

  /** By how much the nearest example must be nearer than any other intent's. */
  private static final double NEAR_EXAMPLE_LEAD = 0.1;

  /** Even an example's own words are not certainty: its label may be wrong. */
  private static final double NEAR_EXAMPLE_MAX = 0.99;

  /**
   * A question that is (nearly) one of the corpus's examples gets that example's intent with at
   * least that similarity as confidence (at most 0.99), when no other intent has an example nearly
   * as close. Calibration cannot learn this: cross-validation never asks an example the matcher was
   * trained on, so a small corpus would otherwise fall back on its own examples. Similarity is of
   * content words, so where the examples are known the question (the part that asks, as matched)
   * and the example must also agree on ending in a question particle: 收到了吗 is not 收到了.
   */
  private void nearExample(
      List<Evidence.Candidate> candidates, double[] confidence, String question) {
    int best = -1;
    double second = 0;
    for (int i = 0; i < candidates.size(); i++) {
      double similarity = candidates.get(i).similarity();
      if (best < 0 || similarity > candidates.get(best).similarity()) {
        second = best < 0 ? second : Math.max(second, candidates.get(best).similarity());
        best = i;
      } else {
        second = Math.max(second, similarity);
      }
    }
    if (best >= 0) {
      double similarity = candidates.get(best).similarity();
      if (similarity >= NEAR_EXAMPLE
          && similarity - second >= NEAR_EXAMPLE_LEAD
          && asksAlike(question, candidates.get(best))) {
        confidence[best] = Math.max(confidence[best], Math.min(similarity, NEAR_EXAMPLE_MAX));
        // The others share what is left, so that normalising keeps this one's confidence.
        double others = 0;
        for (int i = 0; i < confidence.length; i++) {
          others += i == best ? 0 : confidence[i];
        }
        double left = 1 - confidence[best];
        if (others > left) {
          for (int i = 0; i < confidence.length; i++) {
            confidence[i] *= i == best ? 1 : left / others;
          }
        }
      }
    }
  }

  /**
   * Whether the question and the candidate's nearest example agree on asking, or the example is not
   * known. They disagree when one ends in a question particle (such as 吗) and the other neither
   * does nor has a question word: analysis drops 吗 as it drops 了, so 收到了吗 and 收到了 have the same
   * content words. 运费险是什么啊 and 运费险是什么 agree (a question word asks already), and so do 还没到 and
   * 怎么还没到.
   */
  private boolean asksAlike(String question, Evidence.Candidate candidate) {
    int intent = candidate.intent();
    int example = candidate.nearestExample();
    if (example < 0 || intent >= examples.size() || example >= examples.get(intent).size()) {
      return true;
    }
    String text =
        AskingPart.of(
            ChineseNormalizer.normalize(asMatched.apply(examples.get(intent).get(example))));
    boolean questionEnds = endsInParticle(question);
    boolean exampleEnds = endsInParticle(text);
    return questionEnds == exampleEnds
        || (questionEnds ? QUESTION_WORD.matcher(text) : QUESTION_WORD.matcher(question)).find();
  }

  /** Words that make a sentence a question wherever they are. */
  private static final Pattern QUESTION_WORD =
      Pattern.compile("什么|怎么|怎样|为啥|啥|哪|几|多少|多久|多长|谁|如何|是不是|能不能|可不可以|有没有|会不会|要不要|行不行|对不对|好不好");

  /** What a shopper adds after the question: interjections and a 亲. */
  private static final String AFTER_QUESTION = "亲啊呀哦噢哈啦嘞呐";

  /**
   * Whether the text ends in a question particle: 吗 嘛 呢 or 么 (not that of 什么 怎么 这么 那么 多么), with
   * interjections, a shopper's 亲 or 亲爱的, punctuation and symbols after it aside (收到了吗亲, 收到了吗，亲~,
   * 到了吗哈哈). A question mark alone does not make a question of a statement: shoppers end requests
   * with one (给我补发一份吧？ is the request 给我补发一份吧).
   */
  static boolean endsInParticle(String text) {
    for (int i = text.length(); i > 0; ) {
      int cp = text.codePointBefore(i);
      if (Character.isLetterOrDigit(cp)) {
        if (text.startsWith("亲爱的", i - 3)) {
          i -= 3;
          continue;
        }
        if (AFTER_QUESTION.indexOf(cp) >= 0) {
          i -= 1;
          continue;
        }
        if (cp == '么') {
          return i < 2 || "什怎这那多".indexOf(text.charAt(i - 2)) < 0;
        }
        return cp == '吗' || cp == '嘛' || cp == '呢';
      }
      i -= Character.charCount(cp);
    }
    return false;
  }

  /** A question analysed once, to time classification and retrieval apart. Opaque. */
  public static final class Analyzed {
    private final Featurizer.Text text;

    private Analyzed(Featurizer.Text text) {
      this.text = text;
    }
  }

  /** Analysis alone (segmentation, typo repair, features). */
  public Analyzed analyze(String normalized) {
    return new Analyzed(featurizer.analyze(normalized));
  }

  /** Classification alone: the classifier's highest intent probability. */
  public double classify(Analyzed question) {
    return matcher.classify(question.text);
  }

  /** Retrieval alone: the best BM25 score over the index. */
  public float retrieve(Analyzed question) {
    return matcher.retrieve(question.text);
  }
}
