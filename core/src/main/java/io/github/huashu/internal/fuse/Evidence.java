package io.github.huashu.internal.fuse;

import io.github.huashu.internal.classify.Centroids;
import io.github.huashu.internal.classify.LinearModel;
import io.github.huashu.internal.features.FeatureDictionary;
import io.github.huashu.internal.features.FeatureSpace;
import io.github.huashu.internal.features.Featurizer;
import io.github.huashu.internal.features.Grams;
import io.github.huashu.internal.retrieve.ExampleIndex;
import io.github.huashu.internal.retrieve.NearestExamples;
import io.github.huashu.internal.retrieve.Tokens;
import io.github.huashu.internal.snapshot.SnapshotInput;
import io.github.huashu.internal.snapshot.SnapshotOutput;
import io.github.huashu.internal.train.MatchSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;

/**
 * A classifier and a retrieval index trained together on one set of labelled samples, producing for
 * a question the candidate intents with the evidence for each. The engine trains one on the whole
 * corpus, and one per cross-validation fold to calibrate confidences (a large corpus's folds are
 * simulated on its one matcher instead). For large corpora the classifier is replaced by per-intent
 * centroids scored only for the intents the index proposes. Immutable and thread-safe after
 * training.
 *
 * <p>Why one class of ~530 lines: the classifier, the index, the nearest examples and the
 * vocabulary are trained on the same samples and read together for each candidate (the classifier
 * proposes from the index's hits and the centroids score only those); the parts that stand alone
 * are their own classes ({@code LinearModel}, {@code Centroids}, {@code ExampleIndex}, {@code
 * NearestExamples}, {@code Vocabulary}, and a calibration fold simulated on a large corpus's
 * matcher, {@code SimulatedFold}), and what remains is their training, the candidate loop (which
 * answers as trained or as a simulated fold), and writing and reading them for a snapshot (which
 * must see every field).
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
  public record Prepared(FeatureDictionary.Encoded features, Tokens words, Tokens bigrams) {}

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
  private final Centroids centroids;

  /** Large corpora: per intent ordinal, its class, or -1. */
  private final int[] classOfIntent;

  /** Classifier class to intent ordinal ({@link #NONE} for the out-of-scope class). */
  private final int[] classIntent;

  private final ExampleIndex index;

  /** Per intent ordinal: its examples' grams as an inverted list (absent if it has none here). */
  private final Map<Integer, NearestExamples> examplesByIntent;

  private final Vocabulary vocabulary;

  private Evidence(
      FeatureSpace space,
      LinearModel model,
      Centroids centroids,
      int[] classOfIntent,
      int[] classIntent,
      ExampleIndex index,
      Map<Integer, NearestExamples> examplesByIntent,
      Vocabulary vocabulary) {
    this.space = space;
    this.model = model;
    this.centroids = centroids;
    this.classOfIntent = classOfIntent;
    this.classIntent = classIntent;
    this.index = index;
    this.examplesByIntent = examplesByIntent;
    this.vocabulary = vocabulary;
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
    return train(dictionary, samples, descriptions, settings, large, null);
  }

  /**
   * As {@link #train(FeatureDictionary, List, Map, MatchSettings, boolean)}, its independent parts
   * (vectors, classifier or centroids, the index's two fields, nearest examples, vocabulary) on the
   * executor as well as on this thread: the same matcher, sooner.
   *
   * @param executor the load's pool (this thread may be one of its threads), or null
   */
  public static Evidence train(
      FeatureDictionary dictionary,
      List<Sample> samples,
      Map<Integer, Sample> descriptions,
      MatchSettings settings,
      boolean large,
      Executor executor) {
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
    FeatureSpace.Vector[] vectors = new FeatureSpace.Vector[training.size()];
    int[] y = new int[training.size()];
    for (int i = 0; i < training.size(); i++) {
      y[i] = classOf.get(training.get(i).intent());
    }
    Parts.run(
        executor,
        Parts.ranges(
            training.size(),
            executor == null ? 1 : VECTOR_PARTS,
            (from, to) -> {
              for (int i = from; i < to; i++) {
                vectors[i] = space.vector(training.get(i).features());
              }
            }));
    List<FeatureSpace.Vector> x = Arrays.asList(vectors);
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
    for (Sample s : training) {
      if (s.intent() == NONE) {
        continue;
      }
      indexDocs.add(
          new ExampleIndex.Doc(
              s.intent(), s.example(), s.prepared().words(), s.prepared().bigrams()));
      if (s.example() >= 0) {
        examplesByIntent.computeIfAbsent(s.intent(), k -> new ArrayList<>()).add(s);
      }
    }
    LinearModel[] model = new LinearModel[1];
    Centroids[] centroids = new Centroids[1];
    ExampleIndex[] index = new ExampleIndex[1];
    Vocabulary[] vocabulary = new Vocabulary[1];
    // Hash collections, never modified after training, rather than Set.copyOf / Map.copyOf: the
    // immutable ones call String.equals on every probed slot, a visible cost per question.
    Map<Integer, NearestExamples> packedExamples = new HashMap<>();
    Parts.run(
        executor,
        List.of(
            () -> {
              if (large) {
                centroids[0] = Centroids.fit(x, y, classIntent.length, space.size());
              } else {
                model[0] =
                    LinearModel.train(
                        x,
                        y,
                        classIntent.length,
                        space.size(),
                        settings.solver(),
                        settings.c(),
                        settings.eps());
              }
            },
            () -> index[0] = new ExampleIndex(indexDocs, executor),
            () ->
                examplesByIntent.forEach(
                    (k, v) -> {
                      List<Grams> grams = new ArrayList<>(v.size());
                      int[] ordinals = new int[v.size()];
                      for (int e = 0; e < v.size(); e++) {
                        grams.add(v.get(e).text().grams());
                        ordinals[e] = v.get(e).example();
                      }
                      packedExamples.put(k, NearestExamples.of(grams, ordinals));
                    }),
            () -> {
              Vocabulary.Builder words = new Vocabulary.Builder();
              for (Sample s : training) {
                if (s.intent() != NONE) {
                  words.add(s.intent(), s.text().distinctTokens());
                }
              }
              vocabulary[0] = words.build();
            }));
    return new Evidence(
        space,
        model[0],
        centroids[0],
        classOfIntent,
        classIntent,
        index[0],
        packedExamples,
        vocabulary[0]);
  }

  /** Parts the training vectors are worked out in, when there is a pool to share them. */
  private static final int VECTOR_PARTS = 8;

  /**
   * Writes the space, the classifier or centroids, the index, nearest examples and vocabulary, each
   * a section of its own (read in parallel).
   */
  void write(SnapshotOutput out) {
    out.writeSection(space::write);
    out.writeSection(
        o -> {
          o.writeBoolean(model != null);
          if (model != null) {
            model.write(o);
          } else {
            centroids.write(o);
          }
          o.writeInts(classOfIntent);
          o.writeInts(classIntent);
        });
    out.writeSection(index::write);
    out.writeSection(
        o -> {
          o.writeInt(examplesByIntent.size());
          for (int intent : new TreeSet<>(examplesByIntent.keySet())) {
            o.writeInt(intent);
            examplesByIntent.get(intent).write(o);
          }
        });
    out.writeSection(vocabulary::write);
  }

  /** The classifier or centroids and how their classes map to intents, as written. */
  private record Classes(
      LinearModel model, Centroids centroids, int[] classOfIntent, int[] classIntent) {}

  /** Reads what {@link #write} wrote. */
  static Evidence read(SnapshotInput in) {
    SnapshotInput.Part<FeatureSpace> space = in.readSection(FeatureSpace::read);
    SnapshotInput.Part<Classes> classes = in.readSection(Evidence::readClasses);
    SnapshotInput.Part<ExampleIndex> index = in.readSection(ExampleIndex::read);
    SnapshotInput.Part<Map<Integer, NearestExamples>> nearest =
        in.readSection(Evidence::readNearest);
    SnapshotInput.Part<Vocabulary> vocabulary = in.readSection(Vocabulary::read);
    // Joined in file order, so that the first malformed section is the one reported.
    FeatureSpace s = space.join();
    Classes c = classes.join();
    return new Evidence(
        s,
        c.model(),
        c.centroids(),
        c.classOfIntent(),
        c.classIntent(),
        index.join(),
        nearest.join(),
        vocabulary.join());
  }

  private static Classes readClasses(SnapshotInput in) {
    boolean classifier = in.readBoolean();
    LinearModel model = classifier ? LinearModel.read(in) : null;
    Centroids centroids = classifier ? null : Centroids.read(in);
    int[] classOfIntent = in.readInts();
    int[] classIntent = in.readInts();
    for (int k : classOfIntent) {
      if (k < -1 || k >= classIntent.length) {
        throw new SnapshotInput.Malformed(
            "expected a class below " + classIntent.length + " but was " + k);
      }
    }
    return new Classes(model, centroids, classOfIntent, classIntent);
  }

  private static Map<Integer, NearestExamples> readNearest(SnapshotInput in) {
    int intents = in.readCount(8);
    Map<Integer, NearestExamples> examplesByIntent = new HashMap<>(intents * 4 / 3 + 1);
    for (int i = 0; i < intents; i++) {
      examplesByIntent.put(in.readInt(), NearestExamples.read(in));
    }
    return examplesByIntent;
  }

  /** The candidate intents for an analysed question, unordered. */
  public List<Candidate> candidates(Featurizer.Text question) {
    return candidates(question, space.vector(question.features()), null);
  }

  /**
   * The candidate intents for a sample asked as a question: a training text's features are read
   * from its encoding (its analysed text no longer carries them), others from the text.
   */
  public List<Candidate> candidates(Sample question) {
    return candidates(question.text(), vector(question), null);
  }

  private FeatureSpace.Vector vector(Sample question) {
    return question.prepared() == null
        ? space.vector(question.text().features())
        : space.vector(question.features());
  }

  /**
   * Prepares asking this matcher as a matcher trained without the fold's texts would answer. Only
   * for a matcher scoring centroids, just trained (not read from a snapshot).
   */
  public SimulatedFold simulate(SimulatedFold.HeldOut fold) {
    if (model != null) {
      throw new IllegalStateException(
          "expected a matcher scoring centroids but it has a classifier");
    }
    return new SimulatedFold(
        fold,
        index.documents(
            (intent, example) ->
                fold.absent(intent) || (example >= 0 && fold.heldOut(intent, example))));
  }

  /**
   * Calibration against this matcher alone: the candidates a matcher trained without the fold's
   * texts would give for the question, near enough. Retrieval passes over the texts held out, each
   * candidate's centroid has its held-out vectors taken out, its nearest example is one it keeps,
   * and the vocabulary's weights and coverage are those of the texts it keeps. What stays as
   * trained on everything: the feature space's and the index's term statistics (a third of the
   * texts changes them little).
   */
  public List<Candidate> candidatesInFold(Sample question, SimulatedFold fold) {
    return candidates(question.text(), vector(question), fold);
  }

  /**
   * @param fold the fold to answer as, or null for this matcher as trained
   */
  private List<Candidate> candidates(
      Featurizer.Text question, FeatureSpace.Vector vector, SimulatedFold fold) {
    Map<Integer, Float> bm25 =
        fold == null
            ? retrievalScores(question)
            : retrievalScores(index.search(question, HITS, fold.skipped));
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
        double cosine =
            k < 0
                ? 0
                : fold == null
                    ? centroids.cosine(vector, k)
                    : centroids.cosine(vector, fold.centroid(intent, k, centroids, space));
        double e = k < 0 ? 0 : Math.exp(cosine / Centroids.TEMPERATURE);
        probabilityOf.put(intent, e);
        sum += e;
      }
      for (int intent : chosen) {
        double p = sum == 0 ? 0 : probabilityOf.get(intent) / sum;
        probabilityOf.put(intent, p);
        topProbability = Math.max(topProbability, p);
      }
    }

    Vocabulary.Question words =
        fold == null
            ? vocabulary.question(question.distinctTokens())
            : vocabulary.question(question.distinctTokens(), fold.vocabulary());
    double corpusCoverage = words.corpusCoverage();

    List<Candidate> out = new ArrayList<>(chosen.size());
    for (int intent : chosen) {
      double probability = probabilityOf.getOrDefault(intent, 0.0);
      float score = bm25.getOrDefault(intent, 0f);
      double similarity = 0;
      int nearest = -1;
      NearestExamples examples = examplesByIntent.get(intent);
      if (examples != null) {
        NearestExamples.Nearest found =
            fold == null
                ? examples.nearest(question.grams())
                : examples.nearest(question.grams(), fold.examplesHeldOut(intent));
        similarity = found.similarity();
        nearest = found.example();
      }
      List<String> matched = new ArrayList<>();
      double coverage = words.coverage(intent, matched);
      out.add(
          new Candidate(
              intent,
              probability,
              topProbability == 0 ? 0 : probability / topProbability,
              score,
              topBm25 == 0 ? 0 : score / topBm25,
              similarity,
              nearest,
              coverage,
              corpusCoverage,
              none,
              question.tokens().size(),
              List.copyOf(matched)));
    }
    return out;
  }

  /** Per intent of the index's hits, its best score, in the order of the hits (best first). */
  private Map<Integer, Float> retrievalScores(Featurizer.Text question) {
    return retrievalScores(index.search(question, HITS));
  }

  private static Map<Integer, Float> retrievalScores(ExampleIndex.Hit[] hits) {
    Map<Integer, Float> bm25 = new LinkedHashMap<>();
    for (ExampleIndex.Hit hit : hits) {
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
          top = Math.max(top, centroids.cosine(v, k));
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

  /** Whether the corpus's texts use the word. */
  boolean knows(String word) {
    return vocabulary.knows(word);
  }

  /** Retrieval alone: the best score of the index's hits. */
  float retrieve(Featurizer.Text question) {
    float top = 0;
    for (ExampleIndex.Hit hit : index.search(question, HITS)) {
      top = Math.max(top, hit.score());
    }
    return top;
  }
}
