package io.github.huashu.internal.emotion;

import de.bwaldvogel.liblinear.SolverType;
import io.github.huashu.Emotion;
import io.github.huashu.Emotion.Label;
import io.github.huashu.internal.classify.LinearModel;
import io.github.huashu.internal.features.FeatureSpace;
import io.github.huashu.internal.tsv.Tsv;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A multinomial-style logistic regression (liblinear, one-vs-rest, L2) over what the lexicon read
 * (its score per emotion, calming words, punctuation, emoji, repetition) and the message's
 * character 1-3-grams, trained once per JVM on the labelled messages bundled with the library
 * (1,200 messages by three writers). The lexicon knows the words; the model learns how shoppers put
 * feelings without them. Immutable and thread-safe.
 */
public final class EmotionModel {

  private static final double C = 1.0;
  private static final int MIN_DOCUMENT_FREQUENCY = 2;

  /** Lexicon features come first, then the grams. */
  private static final int READING_FEATURES = 8;

  private final Map<String, Integer> grams;

  /** The same grams by their packed characters, for scoring without building strings. */
  private final GramTable table;

  /** The classifier over the reading's features and the grams, shared with intent matching. */
  private final LinearModel model;

  private EmotionModel(Map<String, Integer> grams, LinearModel model) {
    this.grams = grams;
    this.table = new GramTable(grams);
    this.model = model;
  }

  public static EmotionModel train(Lexicon lexicon, List<String> resources) {
    List<Lexicon.Reading> readings = new ArrayList<>();
    List<Label> labels = new ArrayList<>();
    for (String resource : resources) {
      read(resource, lexicon, readings, labels);
    }
    Map<String, Integer> df = new HashMap<>();
    for (Lexicon.Reading r : readings) {
      for (String gram : grams(r.folded()).keySet()) {
        df.merge(gram, 1, Integer::sum);
      }
    }
    Map<String, Integer> index = new HashMap<>();
    new TreeMap<>(df)
        .forEach(
            (gram, count) -> {
              if (count >= MIN_DOCUMENT_FREQUENCY) {
                index.put(gram, READING_FEATURES + index.size());
              }
            });
    int features = READING_FEATURES + index.size();
    EmotionModel untrained = new EmotionModel(Map.copyOf(index), null);
    List<FeatureSpace.Vector> x = new ArrayList<>(readings.size());
    int[] y = new int[readings.size()];
    for (int i = 0; i < readings.size(); i++) {
      x.add(untrained.vector(readings.get(i), features));
      y[i] = labels.get(i).ordinal();
    }
    LinearModel model =
        LinearModel.train(x, y, Label.values().length, features, SolverType.L2R_LR, C, 0.01);
    return new EmotionModel(Map.copyOf(index), model);
  }

  /**
   * Probabilities per label ordinal, summing to one: the same vector as training used, computed
   * without building gram strings (this runs on every suggestion).
   */
  public double[] probabilities(Lexicon.Reading reading) {
    double[] head = head(reading);
    char[] clean = clean(reading.folded());
    // Distinct known grams with their counts; a message has a few dozen grams, a list will do.
    int[] found = new int[3 * clean.length];
    int[] counts = new int[3 * clean.length];
    int distinct = 0;
    for (int n = 1; n <= 3; n++) {
      for (int i = 0; i + n <= clean.length; i++) {
        int feature = table.get(GramTable.key(clean, i, n));
        if (feature < 0) {
          continue;
        }
        int at = 0;
        while (at < distinct && found[at] != feature) {
          at++;
        }
        if (at == distinct) {
          found[distinct++] = feature;
        }
        counts[at]++;
      }
    }
    double norm = 0;
    double[] values = new double[distinct];
    for (int a = 0; a < distinct; a++) {
      values[a] = 1 + Math.log(counts[a]);
      norm += values[a] * values[a];
    }
    double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
    // One sparse vector, ascending: the reading's features first, then the grams.
    int nonZeroHead = 0;
    for (double h : head) {
      nonZeroHead += h != 0 ? 1 : 0;
    }
    int[] order = new int[distinct];
    for (int a = 0; a < distinct; a++) {
      order[a] = a;
    }
    sortByFeature(order, found);
    int[] indices = new int[nonZeroHead + distinct];
    double[] weights = new double[nonZeroHead + distinct];
    int at = 0;
    for (int i = 0; i < head.length; i++) {
      if (head[i] != 0) {
        indices[at] = i;
        weights[at++] = head[i];
      }
    }
    for (int a : order) {
      indices[at] = found[a];
      weights[at++] = values[a] * scale;
    }
    return model.probabilities(new FeatureSpace.Vector(indices, weights));
  }

  /** Sorts the positions in {@code order} by their feature in {@code found} (a few dozen). */
  private static void sortByFeature(int[] order, int[] found) {
    for (int i = 1; i < order.length; i++) {
      int moving = order[i];
      int j = i - 1;
      while (j >= 0 && found[order[j]] > found[moving]) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = moving;
    }
  }

  /** The lexicon's reading as the first features. */
  private static double[] head(Lexicon.Reading reading) {
    Map<Label, Double> s = reading.scores();
    return new double[] {
      s.getOrDefault(Label.ANGRY, 0.0) / 10,
      s.getOrDefault(Label.DISSATISFIED, 0.0) / 10,
      s.getOrDefault(Label.ANXIOUS, 0.0) / 10,
      Math.min(1, reading.calm() / 10),
      count(reading, Emotion.Signal.Kind.PUNCTUATION),
      count(reading, Emotion.Signal.Kind.EMOJI),
      count(reading, Emotion.Signal.Kind.REPETITION),
      count(reading, Emotion.Signal.Kind.WAITING),
    };
  }

  /** The reading's features then the grams, L2-normalised, in ascending feature order. */
  private FeatureSpace.Vector vector(Lexicon.Reading reading, int features) {
    double[] head = head(reading);
    TreeMap<Integer, Double> sparse = new TreeMap<>();
    for (int i = 0; i < head.length; i++) {
      if (head[i] != 0) {
        sparse.put(i, head[i]);
      }
    }
    double norm = 0;
    Map<Integer, Double> gramValues = new HashMap<>();
    for (Map.Entry<String, Integer> g : grams(reading.folded()).entrySet()) {
      Integer i = grams.get(g.getKey());
      if (i != null && i < features) {
        double v = 1 + Math.log(g.getValue());
        gramValues.put(i, v);
        norm += v * v;
      }
    }
    double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
    gramValues.forEach((i, v) -> sparse.put(i, v * scale));
    int[] index = new int[sparse.size()];
    double[] value = new double[sparse.size()];
    int k = 0;
    for (Map.Entry<Integer, Double> e : sparse.entrySet()) {
      index[k] = e.getKey();
      value[k++] = e.getValue();
    }
    return new FeatureSpace.Vector(index, value);
  }

  private static double count(Lexicon.Reading reading, Emotion.Signal.Kind kind) {
    double n = 0;
    for (Emotion.Signal signal : reading.signals()) {
      if (signal.kind() == kind && signal.label() != Label.CALM) {
        n += signal.weight() / 5;
      }
    }
    return Math.min(1, n);
  }

  /** The folded text without emoji (surrogates), white space and control characters. */
  private static char[] clean(String folded) {
    StringBuilder clean = new StringBuilder(folded.length());
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      if (!Character.isSurrogate(c) && !Character.isWhitespace(c) && !Character.isISOControl(c)) {
        clean.append(c);
      }
    }
    char[] out = new char[clean.length()];
    clean.getChars(0, out.length, out, 0);
    return out;
  }

  /** Character 1-3-grams of the cleaned text, with counts (for training). */
  private static Map<String, Integer> grams(String folded) {
    String clean = new String(clean(folded));
    Map<String, Integer> out = new HashMap<>();
    for (int n = 1; n <= 3; n++) {
      for (int i = 0; i + n <= clean.length(); i++) {
        out.merge(clean.substring(i, i + n), 1, Integer::sum);
      }
    }
    return out;
  }

  /**
   * Gram to feature, keyed by the gram's length and UTF-16 units packed into a long (a 1-3 unit
   * gram fits exactly), in an open-addressing table. Immutable after construction.
   */
  private static final class GramTable {
    private final long[] keys;
    private final int[] features;
    private final int mask;

    GramTable(Map<String, Integer> grams) {
      int capacity = Integer.highestOneBit(Math.max(4, grams.size() * 2)) * 2;
      keys = new long[capacity];
      features = new int[capacity];
      mask = capacity - 1;
      java.util.Arrays.fill(features, -1);
      grams.forEach(
          (gram, feature) -> {
            char[] chars = gram.toCharArray();
            long key = key(chars, 0, chars.length);
            int slot = slot(key);
            while (features[slot] >= 0) {
              slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            features[slot] = feature;
          });
    }

    static long key(char[] text, int from, int length) {
      long key = length;
      for (int i = from; i < from + length; i++) {
        key = key << 16 | text[i];
      }
      return key;
    }

    private int slot(long key) {
      long h = key * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 32)) & mask;
    }

    /** The feature of the gram, or -1. */
    int get(long key) {
      for (int slot = slot(key); features[slot] >= 0; slot = (slot + 1) & mask) {
        if (keys[slot] == key) {
          return features[slot];
        }
      }
      return -1;
    }
  }

  private static void read(
      String resource, Lexicon lexicon, List<Lexicon.Reading> readings, List<Label> labels) {
    for (Tsv.Row row : Tsv.resource(EmotionModel.class, resource, 2, "message<TAB>label")) {
      readings.add(lexicon.read(row.field(0), List.of(), Duration.ZERO));
      labels.add(Label.valueOf(row.field(1)));
    }
  }
}
