package io.github.huashu.internal.fuse;

import io.github.huashu.internal.features.Featurizer;
import io.github.huashu.internal.features.FeatureDictionary;
import io.github.huashu.internal.features.FeatureSpace;
import io.github.huashu.internal.features.Grams;
import io.github.huashu.internal.classify.LinearModel;
import io.github.huashu.internal.retrieve.ExampleIndex;
import io.github.huashu.internal.train.MatchSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A classifier and a retrieval index trained together on one set of labelled samples, producing
 * for a question the candidate intents with the evidence for each. The engine trains one on the
 * whole corpus, and one per cross-validation fold to calibrate confidences. For large corpora the
 * classifier is replaced by per-intent centroids scored only for the intents the index proposes.
 * Immutable and thread-safe after training.
 */
public final class Evidence {

  /** Label of out-of-scope samples. */
  public static final int NONE = -1;

  /** How many candidates the classifier and the index each contribute. */
  private static final int PER_SOURCE = 5;
  /** How many documents retrieval looks at. */
  private static final int HITS = 40;

  /**
   * A labelled sample: an intent ordinal (or {@link #NONE}) and its analysed text.
   *
   * @param example the ordinal of the example within its intent, or -1 for names and terms
   * @param text the analysed text; a training sample's has no feature map (its features are in
   *     {@code prepared}, encoded)
   * @param prepared what training needs of the text, worked out once per corpus; null for a sample
   *     that is only ever asked, never trained on
   */
  public record Sample(int intent, int example, Featurizer.Text text, Prepared prepared) {

    FeatureDictionary.Encoded features() {
      return prepared.features();
    }
  }

  /**
   * A training text as every matcher trained on the corpus uses it: its features in the corpus's
   * dictionary and its analysis for the retrieval index's two fields.
   */
  public record Prepared(
      FeatureDictionary.Encoded features, ExampleIndex.Tokens words, ExampleIndex.Tokens bigrams) {}

  /** Evidence for one candidate intent. */
  public record Candidate(
      int intent,
      double probability,
      double relativeProbability,
      float bm25,
      double relativeBm25,
      double similarity,
      int nearestExample,
      double coverage,
      double corpusCoverage,
      double noneProbability,
      int tokens,
      List<String> matchedTerms) {}

  private final FeatureSpace space;
  /** The classifier, or null for a large corpus, which is scored against centroids instead. */
  private final LinearModel model;
  /**
   * Large corpora: per class, the L2-normalised sum of its training vectors; null with a model.
   * Training is linear in the corpus, where one-vs-rest regression is quadratic.
   */
  private final Centroid[] centroids;
  /** Large corpora: per intent ordinal, its class, or -1. */
  private final int[] classOfIntent;
  /** Classifier class to intent ordinal ({@link #NONE} for the out-of-scope class). */
  private final int[] classIntent;
  private final ExampleIndex index;
  /** Per intent ordinal: its examples' grams as an inverted list (absent if it has none here). */
  private final Map<Integer, PackedExamples> examplesByIntent;
  /**
   * Per intent ordinal, the ids of the words its texts use, ascending. Ids index {@link #tokenIds}
   * and {@link #tokenIdf}: sorted int arrays instead of a set of strings per intent keep a large
   * corpus's vocabulary in a tenth of the heap.
   */
  private final Map<Integer, int[]> vocabulary;
  /** Every word of the corpus's texts to its id; never modified after training. */
  private final Map<String, Integer> tokenIds;
  private final double[] tokenIdf;
  private final double maxIdf;

  private Evidence(
      FeatureSpace space,
      LinearModel model,
      Centroid[] centroids,
      int[] classOfIntent,
      int[] classIntent,
      ExampleIndex index,
      Map<Integer, PackedExamples> examplesByIntent,
      Map<Integer, int[]> vocabulary,
      Map<String, Integer> tokenIds,
      double[] tokenIdf,
      double maxIdf) {
    this.space = space;
    this.model = model;
    this.centroids = centroids;
    this.classOfIntent = classOfIntent;
    this.classIntent = classIntent;
    this.index = index;
    this.examplesByIntent = examplesByIntent;
    this.vocabulary = vocabulary;
    this.tokenIds = tokenIds;
    this.tokenIdf = tokenIdf;
    this.maxIdf = maxIdf;
  }

  /**
   * Trains on the samples.
   *
   * @param dictionary the features of the corpus the samples come from
   * @param samples examples (and negatives labelled {@link #NONE}) to learn from
   * @param descriptions per intent ordinal, its name and terms as a sample (may be empty)
   * @param large score intents against centroids instead of training a classifier
   */
  public static Evidence train(
      FeatureDictionary dictionary,
      List<Sample> samples,
      Map<Integer, Sample> descriptions,
      MatchSettings settings,
      boolean large) {
    // Classes: every intent with samples, in order of first appearance, then out-of-scope.
    Map<Integer, Integer> classOf = new LinkedHashMap<>();
    int negatives = 0;
    for (Sample s : samples) {
      if (s.intent() == NONE) {
        negatives++;
      } else {
        classOf.putIfAbsent(s.intent(), classOf.size());
      }
    }
    boolean noneClass = !large && negatives >= settings.minNegatives();
    if (noneClass) {
      classOf.put(NONE, classOf.size());
    }
    int[] classIntent = new int[classOf.size()];
    classOf.forEach((intent, k) -> classIntent[k] = intent);

    List<Sample> training = new ArrayList<>();
    for (Sample s : samples) {
      if (classOf.containsKey(s.intent())) {
        training.add(s);
      }
    }
    descriptions.forEach(
        (intent, description) -> {
          if (classOf.containsKey(intent) && !description.text().tokens().isEmpty()) {
            training.add(description);
          }
        });

    List<FeatureDictionary.Encoded> docs = new ArrayList<>(training.size());
    for (Sample s : training) {
      docs.add(s.features());
    }
    FeatureSpace space =
        FeatureSpace.fit(dictionary, docs, settings.weights(), settings.minDocumentFrequency());
    List<FeatureSpace.Vector> x = new ArrayList<>(training.size());
    int[] y = new int[training.size()];
    for (int i = 0; i < training.size(); i++) {
      x.add(space.vector(training.get(i).features()));
      y[i] = classOf.get(training.get(i).intent());
    }
    LinearModel model =
        large
            ? null
            : LinearModel.train(
                x, y, classIntent.length, space.size(), settings.solver(), settings.c(), settings.eps());
    Centroid[] centroids = large ? centroids(x, y, classIntent.length, space.size()) : null;
    int maxIntent = 0;
    for (int intent : classIntent) {
      maxIntent = Math.max(maxIntent, intent);
    }
    int[] classOfIntent = new int[maxIntent + 1];
    Arrays.fill(classOfIntent, -1);
    for (int k = 0; k < classIntent.length; k++) {
      if (classIntent[k] != NONE) {
        classOfIntent[classIntent[k]] = k;
      }
    }

    // Retrieval: every example, plus one document per described intent.
    List<ExampleIndex.Doc> indexDocs = new ArrayList<>();
    Map<Integer, List<Sample>> examplesByIntent = new HashMap<>();
    Map<Integer, Set<Integer>> vocabularyIds = new HashMap<>();
    Map<String, Integer> tokenIds = new HashMap<>();
    int[] tokenDf = new int[16];
    int documents = 0;
    for (Sample s : training) {
      if (s.intent() == NONE) {
        continue;
      }
      indexDocs.add(
          new ExampleIndex.Doc(s.intent(), s.example(), s.prepared().words(), s.prepared().bigrams()));
      if (s.example() >= 0) {
        examplesByIntent.computeIfAbsent(s.intent(), k -> new ArrayList<>()).add(s);
      }
      Set<Integer> intentVocabulary = vocabularyIds.computeIfAbsent(s.intent(), k -> new HashSet<>());
      for (String token : s.text().distinctTokens()) {
        int id = tokenIds.computeIfAbsent(token, k -> tokenIds.size());
        if (id == tokenDf.length) {
          tokenDf = Arrays.copyOf(tokenDf, 2 * id);
        }
        tokenDf[id]++;
        intentVocabulary.add(id);
      }
      documents++;
    }
    double[] tokenIdf = new double[tokenIds.size()];
    for (int id = 0; id < tokenIdf.length; id++) {
      tokenIdf[id] = Math.log((documents + 1.0) / (tokenDf[id] + 1.0)) + 1.0;
    }
    Map<Integer, int[]> vocabulary = new HashMap<>();
    vocabularyIds.forEach(
        (intent, ids) -> {
          int[] sorted = ids.stream().mapToInt(Integer::intValue).toArray();
          Arrays.sort(sorted);
          vocabulary.put(intent, sorted);
        });
    double maxIdf = Math.log((documents + 1.0) / 1.0) + 1.0;
    ExampleIndex index =
        new ExampleIndex(indexDocs);
    // Hash collections, never modified after training, rather than Set.copyOf / Map.copyOf: the
    // immutable ones call String.equals on every probed slot, a visible cost per question.
    Map<Integer, PackedExamples> packedExamples = new HashMap<>();
    examplesByIntent.forEach((k, v) -> packedExamples.put(k, PackedExamples.of(v)));
    return new Evidence(
        space,
        model,
        centroids,
        classOfIntent,
        classIntent,
        index,
        packedExamples,
        vocabulary,
        tokenIds,
        tokenIdf,
        maxIdf);
  }

  /** The candidate intents for an analysed question, unordered. */
  public List<Candidate> candidates(Featurizer.Text question) {
    return candidates(question, space.vector(question.features()));
  }

  /**
   * The candidate intents for a sample asked as a question: a training text's features are read
   * from its encoding (its analysed text no longer carries them), others from the text.
   */
  public List<Candidate> candidates(Sample question) {
    return question.prepared() == null
        ? candidates(question.text())
        : candidates(question.text(), space.vector(question.features()));
  }

  private List<Candidate> candidates(Featurizer.Text question, FeatureSpace.Vector vector) {
    Map<Integer, Float> bm25 = retrievalScores(question);
    float topBm25 = 0;
    for (float score : bm25.values()) {
      topBm25 = Math.max(topBm25, score);
    }
    Map<Integer, Double> probabilityOf = new HashMap<>();
    Set<Integer> chosen = new LinkedHashSet<>();
    double none = 0;
    double topProbability = 0;
    if (model != null) {
      double[] p = model.probabilities(vector);
      int[] byProbability = new int[classIntent.length];
      int n = 0;
      for (int k = 0; k < p.length; k++) {
        if (classIntent[k] == NONE) {
          none = p[k];
        } else {
          byProbability[n++] = k;
          topProbability = Math.max(topProbability, p[k]);
        }
      }
      // The most probable few, first of equals first (a selection, not a sort of every class).
      boolean[] taken = new boolean[n];
      for (int r = 0; r < Math.min(PER_SOURCE, n); r++) {
        int best = -1;
        for (int i = 0; i < n; i++) {
          if (!taken[i] && (best < 0 || p[byProbability[i]] > p[byProbability[best]])) {
            best = i;
          }
        }
        taken[best] = true;
        chosen.add(classIntent[byProbability[best]]);
      }
      int fromIndex = 0;
      for (int intent : bm25.keySet()) {
        if (fromIndex++ == PER_SOURCE) {
          break;
        }
        chosen.add(intent);
      }
      // Only the chosen intents' probabilities are read: no map of every class per question.
      for (int intent : chosen) {
        int k = classOf(intent);
        probabilityOf.put(intent, k < 0 ? 0.0 : p[k]);
      }
    } else {
      // Large corpora: the index proposes, the centroids score, a softmax makes probabilities.
      chosen.addAll(proposed(bm25));
      double sum = 0;
      for (int intent : chosen) {
        int k = classOf(intent);
        double e = k < 0 ? 0 : Math.exp(cosine(vector, centroids[k]) / TEMPERATURE);
        probabilityOf.put(intent, e);
        sum += e;
      }
      for (int intent : chosen) {
        double p = sum == 0 ? 0 : probabilityOf.get(intent) / sum;
        probabilityOf.put(intent, p);
        topProbability = Math.max(topProbability, p);
      }
    }

    String[] tokens = question.distinctTokens().toArray(new String[0]);
    int[] ids = new int[tokens.length];
    double[] idfs = new double[tokens.length];
    double totalIdf = 0;
    double knownIdf = 0;
    for (int t = 0; t < tokens.length; t++) {
      Integer id = tokenIds.get(tokens[t]);
      ids[t] = id == null ? -1 : id;
      idfs[t] = id == null ? maxIdf : tokenIdf[id];
      totalIdf += idfs[t];
      if (id != null) {
        knownIdf += idfs[t];
      }
    }
    double corpusCoverage = totalIdf == 0 ? 0 : knownIdf / totalIdf;

    List<Candidate> out = new ArrayList<>(chosen.size());
    for (int intent : chosen) {
      double probability = probabilityOf.getOrDefault(intent, 0.0);
      float score = bm25.getOrDefault(intent, 0f);
      double similarity = 0;
      int nearest = -1;
      PackedExamples examples = examplesByIntent.get(intent);
      if (examples != null) {
        Nearest found = examples.nearest(question.grams());
        similarity = found.similarity();
        nearest = found.example();
      }
      int[] vocab = vocabulary.getOrDefault(intent, NO_WORDS);
      double covered = 0;
      List<String> matched = new ArrayList<>();
      for (int t = 0; t < tokens.length; t++) {
        if (ids[t] >= 0 && Arrays.binarySearch(vocab, ids[t]) >= 0) {
          covered += idfs[t];
          matched.add(tokens[t]);
        }
      }
      out.add(
          new Candidate(
              intent,
              probability,
              topProbability == 0 ? 0 : probability / topProbability,
              score,
              topBm25 == 0 ? 0 : score / topBm25,
              similarity,
              nearest,
              totalIdf == 0 ? 0 : covered / totalIdf,
              corpusCoverage,
              none,
              question.tokens().size(),
              List.copyOf(matched)));
    }
    return out;
  }

  /** Per intent of the index's hits, its best score, in the order of the hits (best first). */
  private Map<Integer, Float> retrievalScores(Featurizer.Text question) {
    Map<Integer, Float> bm25 = new LinkedHashMap<>();
    for (ExampleIndex.Hit hit : index.search(question, HITS)) {
      bm25.merge(hit.intent(), hit.score(), Math::max);
    }
    return bm25;
  }

  /** Large corpora: the intents whose centroids are scored, the index's first ten. */
  private static Set<Integer> proposed(Map<Integer, Float> retrievalScores) {
    Set<Integer> proposed = new LinkedHashSet<>();
    for (int intent : retrievalScores.keySet()) {
      if (proposed.size() == 2 * PER_SOURCE) {
        break;
      }
      proposed.add(intent);
    }
    return proposed;
  }

  /** The class of an intent ordinal, or -1 if it has none here. */
  private int classOf(int intent) {
    return intent < classOfIntent.length ? classOfIntent[intent] : -1;
  }

  /**
   * The classifier alone: the highest probability of an intent class. A large corpus's centroids
   * are scored, as in {@link #candidates}, only for the intents the index proposes, so there this
   * includes retrieval (a scan of every centroid is what suggest never does).
   */
  double classify(Featurizer.Text question) {
    if (model == null) {
      double top = 0;
      FeatureSpace.Vector v = space.vector(question.features());
      for (int intent : proposed(retrievalScores(question))) {
        int k = classOf(intent);
        if (k >= 0) {
          top = Math.max(top, cosine(v, centroids[k]));
        }
      }
      return top;
    }
    double[] p = model.probabilities(space.vector(question.features()));
    double top = 0;
    for (int k = 0; k < p.length; k++) {
      if (classIntent[k] != NONE) {
        top = Math.max(top, p[k]);
      }
    }
    return top;
  }

  /** Retrieval alone: the best score of the index's hits. */
  float retrieve(Featurizer.Text question) {
    float top = 0;
    for (ExampleIndex.Hit hit : index.search(question, HITS)) {
      top = Math.max(top, hit.score());
    }
    return top;
  }

  private static final int[] NO_WORDS = new int[0];

  /** Softmax temperature over centroid cosines (large corpora). */
  private static final double TEMPERATURE = 0.1;

  /**
   * A class's centroid: ascending feature indices and L2-normalised weights, in floats (half the
   * heap of doubles: at 10,000 intents the centroids are the largest structure).
   */
  private record Centroid(int[] index, float[] value) {}

  /** Per class, the L2-normalised sum of its vectors, summed in one pass over a scratch row. */
  private static Centroid[] centroids(
      List<FeatureSpace.Vector> x, int[] y, int classes, int features) {
    List<List<Integer>> members = new ArrayList<>(classes);
    for (int k = 0; k < classes; k++) {
      members.add(new ArrayList<>());
    }
    for (int i = 0; i < y.length; i++) {
      members.get(y[i]).add(i);
    }
    double[] row = new double[features];
    boolean[] touched = new boolean[features];
    Centroid[] out = new Centroid[classes];
    for (int k = 0; k < classes; k++) {
      List<Integer> used = new ArrayList<>();
      for (int i : members.get(k)) {
        FeatureSpace.Vector v = x.get(i);
        for (int a = 0; a < v.index().length; a++) {
          int f = v.index()[a];
          if (!touched[f]) {
            touched[f] = true;
            used.add(f);
          }
          row[f] += v.value()[a];
        }
      }
      used.sort(null);
      int[] index = new int[used.size()];
      double[] value = new double[used.size()];
      double norm = 0;
      for (int a = 0; a < index.length; a++) {
        int f = used.get(a);
        index[a] = f;
        value[a] = row[f];
        norm += row[f] * row[f];
        row[f] = 0;
        touched[f] = false;
      }
      double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
      float[] scaled = new float[value.length];
      for (int a = 0; a < value.length; a++) {
        scaled[a] = (float) (value[a] * scale);
      }
      out[k] = new Centroid(index, scaled);
    }
    return out;
  }

  /** Dot product of two sparse vectors with ascending indices (both L2-normalised: a cosine). */
  private static double cosine(FeatureSpace.Vector a, Centroid b) {
    int[] ia = a.index();
    int[] ib = b.index();
    double dot = 0;
    int i = 0;
    int j = 0;
    while (i < ia.length && j < ib.length) {
      if (ia[i] == ib[j]) {
        dot += a.value()[i++] * b.value()[j++];
      } else if (ia[i] < ib[j]) {
        i++;
      } else {
        j++;
      }
    }
    return dot;
  }

  /**
   * One intent's examples as an inverted list: each distinct gram with the examples that have it.
   * The nearest-example search runs over every example of every candidate; merging the question
   * once with the intent's distinct grams and counting shared grams per example does a third of
   * the work of a Dice merge per example (examples of one intent share most of their grams).
   */
  private static final class PackedExamples {
    /** The intent's distinct grams, ascending. */
    private final int[] grams;
    /** Gram {@code g} is in the examples {@code members[starts[g]..starts[g + 1])}. */
    private final int[] starts;
    private final int[] members;
    /** Per example: how many grams it has, and its ordinal within its intent. */
    private final int[] sizes;
    private final int[] examples;

    private PackedExamples(int[] grams, int[] starts, int[] members, int[] sizes, int[] examples) {
      this.grams = grams;
      this.starts = starts;
      this.members = members;
      this.sizes = sizes;
      this.examples = examples;
    }

    static PackedExamples of(List<Sample> samples) {
      int n = samples.size();
      int[] sizes = new int[n];
      int[] examples = new int[n];
      int total = 0;
      for (int e = 0; e < n; e++) {
        sizes[e] = samples.get(e).text().grams().size();
        examples[e] = samples.get(e).example();
        total += sizes[e];
      }
      // (gram, example) pairs sorted by gram then example: a long per pair sorts both at once.
      long[] pairs = new long[total];
      int at = 0;
      for (int e = 0; e < n; e++) {
        for (int gram : samples.get(e).text().grams().values()) {
          pairs[at++] = ((long) gram << 32) | e;
        }
      }
      Arrays.sort(pairs);
      int[] members = new int[total];
      int[] grams = new int[total];
      int[] starts = new int[total + 1];
      int distinct = 0;
      for (int i = 0; i < total; i++) {
        int gram = (int) (pairs[i] >> 32);
        if (distinct == 0 || grams[distinct - 1] != gram) {
          grams[distinct] = gram;
          starts[distinct] = i;
          distinct++;
        }
        members[i] = (int) pairs[i];
      }
      starts[distinct] = total;
      return new PackedExamples(
          Arrays.copyOf(grams, distinct), Arrays.copyOf(starts, distinct + 1), members, sizes, examples);
    }

    /**
     * The example most similar to the question by Dice coefficient (the first of equals), as its
     * ordinal within the intent with its similarity; ordinal -1 and 0 when none shares a gram.
     */
    Nearest nearest(Grams question) {
      int[] q = question.values();
      if (q.length == 0) {
        return Nearest.NONE;
      }
      int[] shared = new int[sizes.length];
      // A question has a few dozen grams, an intent's examples hundreds or thousands: each
      // question gram is looked up by binary search in what is left, not met in a merge.
      int from = 0;
      for (int i = 0; i < q.length && from < grams.length; i++) {
        int j = Arrays.binarySearch(grams, from, grams.length, q[i]);
        if (j >= 0) {
          for (int m = starts[j]; m < starts[j + 1]; m++) {
            shared[members[m]]++;
          }
          from = j + 1;
        } else {
          from = -j - 1;
        }
      }
      int best = -1;
      double top = 0;
      for (int e = 0; e < sizes.length; e++) {
        double d = shared[e] == 0 ? 0 : 2.0 * shared[e] / (q.length + sizes[e]);
        if (d > top) {
          top = d;
          best = e;
        }
      }
      return best < 0 ? Nearest.NONE : new Nearest(examples[best], top);
    }
  }

  /** The nearest example of an intent: its ordinal (or -1) and Dice similarity. */
  private record Nearest(int example, double similarity) {
    public static final Nearest NONE = new Nearest(-1, 0);
  }
}
