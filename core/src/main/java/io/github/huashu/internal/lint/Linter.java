package io.github.huashu.internal.lint;

import io.github.huashu.Bundle;
import io.github.huashu.CorpusProblem;
import io.github.huashu.Intent;
import io.github.huashu.analyzers.ChineseNormalizer;
import io.github.huashu.internal.corpus.Corpus;
import io.github.huashu.internal.corpus.Excerpt;
import io.github.huashu.internal.corpus.Location;
import io.github.huashu.internal.features.Grams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds what a content editor should look at in a corpus that loads: examples that (nearly) repeat
 * under different intents, repeated examples within an intent, intents with few examples and
 * incomplete bundles. Stateless.
 */
public final class Linter {

  /** Dice similarity of character grams above which two examples count as near-duplicates. */
  static final double NEAR_DUPLICATE = 0.9;

  /** Grams shared by more examples than this are too common to find near-duplicates with. */
  private static final int MAX_POSTINGS = 400;

  private Linter() {}

  private record Example(int intent, int ordinal, String normalized, Grams grams) {}

  public static List<CorpusProblem> warnings(Corpus corpus, int minExamples) {
    List<CorpusProblem> out = new ArrayList<>();
    List<Intent> intents = corpus.intents();
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < intents.size(); i++) {
      Intent intent = intents.get(i);
      Location at = corpus.intentLocations().get(intent.id());
      if (intent.examples().size() < minExamples) {
        int more = minExamples - intent.examples().size();
        out.add(
            warning(
                at,
                "examples",
                "intent '"
                    + intent.id()
                    + "' has "
                    + intent.examples().size()
                    + (intent.examples().size() == 1 ? " example" : " examples")
                    + "; add "
                    + more
                    + " more, varied"
                    + " (at least "
                    + minExamples
                    + " for its paraphrases to be matched reliably)"));
      }
      if (intent.bundle().isEmpty()) {
        out.add(
            warning(
                at,
                "reply",
                "intent '"
                    + intent.id()
                    + "' has no reply: a MATCH on it has nothing"
                    + " to send the shopper (give it a 'reply' in a scenario file)"));
      } else {
        List<String> missing = missing(intent.bundle());
        if (!missing.isEmpty()) {
          out.add(
              warning(
                  at,
                  missing.get(0),
                  "intent '"
                      + intent.id()
                      + "' has an incomplete bundle: missing "
                      + String.join(", ", missing)));
        }
      }
      for (int e = 0; e < intent.examples().size(); e++) {
        String normalized = ChineseNormalizer.normalize(intent.examples().get(e));
        examples.add(new Example(i, e, normalized, Grams.of(normalized.replace(" ", ""))));
      }
    }

    Map<String, Example> seen = new HashMap<>();
    Map<Integer, List<Integer>> postings = new HashMap<>();
    for (int x = 0; x < examples.size(); x++) {
      Example example = examples.get(x);
      Example first = seen.putIfAbsent(example.normalized(), example);
      if (first != null) {
        out.add(
            duplicate(
                corpus,
                intents,
                example,
                first,
                first.intent() == example.intent()
                    ? "repeats an earlier example of the same intent"
                    : "is also an example of intent '" + intents.get(first.intent()).id() + "'"));
        continue;
      }
      // Near-duplicates under other intents, found through shared grams.
      Map<Integer, Integer> shared = new HashMap<>();
      for (int gram : example.grams().values()) {
        List<Integer> list = postings.computeIfAbsent(gram, k -> new ArrayList<>());
        if (list.size() < MAX_POSTINGS) {
          for (int other : list) {
            shared.merge(other, 1, Integer::sum);
          }
          list.add(x);
        }
      }
      Example nearest = null;
      double best = NEAR_DUPLICATE;
      for (Map.Entry<Integer, Integer> e : shared.entrySet()) {
        Example other = examples.get(e.getKey());
        if (other.intent() == example.intent()) {
          continue;
        }
        double upperBound = 2.0 * e.getValue() / (example.grams().size() + other.grams().size());
        if (upperBound < best) {
          continue;
        }
        double dice = example.grams().dice(other.grams());
        if (dice >= best) {
          best = dice;
          nearest = other;
        }
      }
      if (nearest != null) {
        out.add(
            duplicate(
                corpus,
                intents,
                example,
                nearest,
                "is nearly the same as an example of intent '"
                    + intents.get(nearest.intent()).id()
                    + "' ('"
                    + Excerpt.of(intents.get(nearest.intent()).examples().get(nearest.ordinal()))
                    + "')"));
      }
    }
    return out;
  }

  private static CorpusProblem duplicate(
      Corpus corpus, List<Intent> intents, Example example, Example other, String what) {
    Intent intent = intents.get(example.intent());
    Location at = corpus.exampleLocations().get(intent.id()).get(example.ordinal());
    Location otherAt =
        corpus.exampleLocations().get(intents.get(other.intent()).id()).get(other.ordinal());
    return warning(
        at,
        "examples",
        "intent '"
            + intent.id()
            + "': example '"
            + Excerpt.of(intent.examples().get(example.ordinal()))
            + "' "
            + what
            + " at "
            + otherAt.file()
            + ":"
            + otherAt.line());
  }

  private static List<String> missing(Bundle b) {
    List<String> missing = new ArrayList<>();
    if (b.department().isEmpty()) {
      missing.add("department");
    }
    if (b.diagnosis().isEmpty()) {
      missing.add("diagnosis");
    }
    if (b.solution().isEmpty()) {
      missing.add("solution");
    }
    if (b.riskTip().isEmpty()) {
      missing.add("risk_tip");
    }
    if (b.reply().isEmpty()) {
      missing.add("reply");
    }
    return missing;
  }

  private static CorpusProblem warning(Location at, String field, String message) {
    return new CorpusProblem(
        CorpusProblem.Severity.WARNING, at.file(), at.line(), at.column(), field, message);
  }
}
