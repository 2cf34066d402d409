package io.github.huashu.internal.fuse;

import io.github.huashu.internal.snapshot.SnapshotInput;
import io.github.huashu.internal.snapshot.SnapshotOutput;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which words each intent's texts use, weighted by inverse document frequency: the evidence of how
 * much of a question an intent's vocabulary covers, and how much of it the corpus knows at all.
 * Immutable and thread-safe once built.
 */
final class Vocabulary {

  private static final int[] NO_WORDS = new int[0];

  /**
   * Per intent ordinal, the ids of the words its texts use, ascending. Ids index {@link #tokenIds}
   * and {@link #tokenIdf}: sorted int arrays instead of a set of strings per intent keep a large
   * corpus's vocabulary in a tenth of the heap.
   */
  private final Map<Integer, int[]> byIntent;

  /** Every word of the corpus's texts to its id; never modified after training. */
  private final Map<String, Integer> tokenIds;

  private final double[] tokenIdf;
  private final double maxIdf;

  /**
   * Per word id, how many texts use it, and how many texts there are: known to a vocabulary just
   * built (null and 0 once read from a snapshot), for calibration's view of it without some texts.
   */
  private final int[] tokenDf;

  private final int documents;

  private Vocabulary(
      Map<Integer, int[]> byIntent,
      Map<String, Integer> tokenIds,
      double[] tokenIdf,
      double maxIdf,
      int[] tokenDf,
      int documents) {
    this.byIntent = byIntent;
    this.tokenIds = tokenIds;
    this.tokenIdf = tokenIdf;
    this.maxIdf = maxIdf;
    this.tokenDf = tokenDf;
    this.documents = documents;
  }

  /** Writes the words in id order, their weights, and each intent's word ids by intent. */
  void write(SnapshotOutput out) {
    String[] byId = new String[tokenIdf.length];
    tokenIds.forEach((token, id) -> byId[id] = token);
    out.writeStrings(Arrays.asList(byId));
    out.writeDoubles(tokenIdf);
    out.writeDouble(maxIdf);
    out.writeInt(byIntent.size());
    for (int intent : new TreeSet<>(byIntent.keySet())) {
      out.writeInt(intent);
      out.writeInts(byIntent.get(intent));
    }
  }

  /** Reads what {@link #write} wrote. */
  static Vocabulary read(SnapshotInput in) {
    List<String> byId = in.readStrings();
    Map<String, Integer> tokenIds = new HashMap<>(byId.size() * 4 / 3 + 1);
    for (int id = 0; id < byId.size(); id++) {
      if (tokenIds.put(byId.get(id), id) != null) {
        throw new SnapshotInput.Malformed(
            "expected distinct words but '" + byId.get(id) + "' came twice");
      }
    }
    double[] tokenIdf = in.readDoubles();
    if (tokenIdf.length != byId.size()) {
      throw new SnapshotInput.Malformed(
          "expected a weight per word (" + byId.size() + ") but was " + tokenIdf.length);
    }
    double maxIdf = in.readDouble();
    int intents = in.readCount(8);
    Map<Integer, int[]> byIntent = new HashMap<>(intents * 4 / 3 + 1);
    for (int i = 0; i < intents; i++) {
      int intent = in.readInt();
      int[] ids = in.readInts();
      for (int id : ids) {
        if (id < 0 || id >= tokenIdf.length) {
          throw new SnapshotInput.Malformed(
              "expected a word id below " + tokenIdf.length + " but was " + id);
        }
      }
      byIntent.put(intent, ids);
    }
    return new Vocabulary(byIntent, tokenIds, tokenIdf, maxIdf, null, 0);
  }

  /** Collects the texts' words, one document per text. Not thread-safe. */
  static final class Builder {
    private final Map<Integer, Set<Integer>> ids = new HashMap<>();
    // Hash maps, never modified after training, rather than Map.copyOf: the immutable ones call
    // String.equals on every probed slot, a visible cost per question.
    private final Map<String, Integer> tokenIds = new HashMap<>();
    private int[] tokenDf = new int[16];
    private int documents;

    void add(int intent, Collection<String> distinctTokens) {
      Set<Integer> own = ids.computeIfAbsent(intent, k -> new HashSet<>());
      for (String token : distinctTokens) {
        int id = tokenIds.computeIfAbsent(token, k -> tokenIds.size());
        if (id == tokenDf.length) {
          tokenDf = Arrays.copyOf(tokenDf, 2 * id);
        }
        tokenDf[id]++;
        own.add(id);
      }
      documents++;
    }

    Vocabulary build() {
      double[] tokenIdf = new double[tokenIds.size()];
      for (int id = 0; id < tokenIdf.length; id++) {
        tokenIdf[id] = Math.log((documents + 1.0) / (tokenDf[id] + 1.0)) + 1.0;
      }
      Map<Integer, int[]> byIntent = new HashMap<>();
      ids.forEach(
          (intent, set) -> {
            int[] sorted = set.stream().mapToInt(Integer::intValue).toArray();
            Arrays.sort(sorted);
            byIntent.put(intent, sorted);
          });
      return new Vocabulary(
          byIntent,
          tokenIds,
          tokenIdf,
          Math.log((documents + 1.0) / 1.0) + 1.0,
          Arrays.copyOf(tokenDf, tokenIdf.length),
          documents);
    }
  }

  /** A question's words looked up once: ids (-1 unknown) and weights. */
  final class Question {
    private final String[] tokens;
    private final int[] ids;
    private final double[] idfs;
    private final double totalIdf;
    private final double knownIdf;

    /** Calibration: the texts left out, or null. */
    private final Without without;

    private Question(Collection<String> distinctTokens) {
      this(distinctTokens, null);
    }

    /**
     * With {@code without} (null: none), the question's words weighted as the vocabulary of the
     * texts that remain would weigh them.
     */
    private Question(Collection<String> distinctTokens, Without without) {
      this.without = without;
      tokens = distinctTokens.toArray(new String[0]);
      ids = new int[tokens.length];
      idfs = new double[tokens.length];
      int remaining = without == null ? 0 : documents - without.texts();
      double remainingMaxIdf = without == null ? maxIdf : Math.log((remaining + 1.0) / 1.0) + 1.0;
      double total = 0;
      double known = 0;
      for (int t = 0; t < tokens.length; t++) {
        Integer id = tokenIds.get(tokens[t]);
        if (id != null && without != null) {
          int df = tokenDf[id] - without.using(tokens[t]);
          id = df <= 0 ? null : id;
          idfs[t] = df <= 0 ? remainingMaxIdf : Math.log((remaining + 1.0) / (df + 1.0)) + 1.0;
        } else {
          idfs[t] = id == null ? remainingMaxIdf : tokenIdf[id];
        }
        ids[t] = id == null ? -1 : id;
        total += idfs[t];
        if (id != null) {
          known += idfs[t];
        }
      }
      totalIdf = total;
      knownIdf = known;
    }

    /** The share of the question's weight the corpus has seen at all. */
    double corpusCoverage() {
      return totalIdf == 0 ? 0 : knownIdf / totalIdf;
    }

    /** The share of the question's weight the intent's texts use; adds those words to matched. */
    double coverage(int intent, List<String> matched) {
      int[] vocab = byIntent.getOrDefault(intent, NO_WORDS);
      double covered = 0;
      for (int t = 0; t < tokens.length; t++) {
        if (ids[t] >= 0
            && Arrays.binarySearch(vocab, ids[t]) >= 0
            && (without == null || !without.lost(intent, tokens[t]))) {
          covered += idfs[t];
          matched.add(tokens[t]);
        }
      }
      return totalIdf == 0 ? 0 : covered / totalIdf;
    }
  }

  /**
   * Calibration: the texts some of the vocabulary's are left out of, as a matcher trained without
   * them would see its vocabulary.
   */
  interface Without {
    /** How many texts are left out. */
    int texts();

    /** How many of the texts left out use the word. */
    int using(String word);

    /** Whether the intent's texts that remain no longer use the word (that its texts use). */
    boolean lost(int intent, String word);
  }

  /**
   * The question as the vocabulary without some of its texts would see it; only for a vocabulary
   * just built, not read from a snapshot.
   */
  Question question(Collection<String> distinctTokens, Without without) {
    if (tokenDf == null) {
      throw new IllegalStateException(
          "expected a vocabulary just built but it was read from a snapshot");
    }
    return new Question(distinctTokens, without);
  }

  /** Whether the corpus's texts use the word. */
  boolean knows(String word) {
    return tokenIds.containsKey(word);
  }

  Question question(Collection<String> distinctTokens) {
    return new Question(distinctTokens);
  }
}
