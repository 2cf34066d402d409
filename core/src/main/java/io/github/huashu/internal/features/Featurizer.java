package io.github.huashu.internal.features;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.py.Pinyin;
import io.github.huashu.analyzers.ChineseAnalyzers;
import io.github.huashu.analyzers.ChineseAnalyzers.Segmenter;
import io.github.huashu.analyzers.PinyinSpeller;
import io.github.huashu.internal.snapshot.SnapshotInput;
import io.github.huashu.internal.snapshot.SnapshotOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Turns normalised text into what the matcher compares: the analyzer's words, and features that
 * survive short colloquial Chinese — words, word pairs, character 1- to 3-grams and toneless pinyin
 * syllable pairs (so that 推货 still resembles 退货). Thread-safe: the analyzers are.
 */
public final class Featurizer {

  /**
   * Feature families, named by the first character of every feature string. Synonym classes are the
   * word's Cilin codes, so that a word never seen in training can still match its synonyms.
   */
  static final char WORD = 'w';

  static final char WORD_PAIR = 'b';
  static final char CHAR1 = '1';
  static final char CHAR2 = '2';
  static final char CHAR3 = '3';
  static final char PINYIN = 'p';
  static final char SYNONYM = 's';

  /** Upper bound on tokens and grams taken from one text, so that a long paste stays cheap. */
  static final int MAX_TOKENS = 256;

  private final Analyzer words;
  private final Analyzer indexWords;
  private final Analyzer bigrams;
  private final PinyinSpeller speller;

  /** How the analyzers were built, or null if they were given as they are. */
  private final Analysis analysis;

  /**
   * @param words query-mode word analysis, for questions and features
   * @param indexWords index-mode word analysis, for the retrieval index
   * @param bigrams character-bigram analysis
   */
  public Featurizer(Analyzer words, Analyzer indexWords, Analyzer bigrams, PinyinSpeller speller) {
    this(words, indexWords, bigrams, speller, null);
  }

  /** The analyzers built as the analysis says (bigrams as always), without a speller. */
  public Featurizer(Analysis analysis) {
    this(analysis.both(), analysis);
  }

  private Featurizer(ChineseAnalyzers.QueryAndIndex words, Analysis analysis) {
    this(words.query(), words.index(), ChineseAnalyzers.bigrams(), PinyinSpeller.NONE, analysis);
  }

  private Featurizer(
      Analyzer words,
      Analyzer indexWords,
      Analyzer bigrams,
      PinyinSpeller speller,
      Analysis analysis) {
    this.words = words;
    this.indexWords = indexWords;
    this.bigrams = bigrams;
    this.speller = speller;
    this.analysis = analysis;
  }

  /** The same analysis with pinyin typos repaired by the speller first. */
  public Featurizer withSpeller(PinyinSpeller speller) {
    return new Featurizer(words, indexWords, bigrams, speller, analysis);
  }

  /**
   * Writes how this featurizer analyses: its {@link Analysis} and its speller's tables.
   *
   * @throws IllegalStateException if it was given its analyzers rather than an analysis
   */
  public void write(SnapshotOutput out) {
    if (analysis == null) {
      throw new IllegalStateException(
          "expected a featurizer built from an Analysis but it was given its analyzers");
    }
    out.writeString(analysis.segmenter().name());
    out.writeStrings(analysis.customWords());
    out.writeInt(analysis.synonyms().size());
    for (List<String> group : analysis.synonyms()) {
      out.writeStrings(group);
    }
    PinyinSpeller.Tables tables = speller.tables();
    writeSorted(out, tables.bySound());
    out.writeInt(tables.frequency().size());
    for (String word : new TreeSet<>(tables.frequency().keySet())) {
      out.writeString(word);
      out.writeInt(tables.frequency().get(word));
    }
    out.writeLongs(tables.corpusRuns());
  }

  /** Reads what {@link #write} wrote and builds the analyzers again. */
  public static Featurizer read(SnapshotInput in) {
    String segmenter = in.readString();
    Segmenter seg = null;
    for (Segmenter s : Segmenter.values()) {
      seg = s.name().equals(segmenter) ? s : seg;
    }
    if (seg == null) {
      throw new SnapshotInput.Malformed("expected a segmenter but was '" + segmenter + "'");
    }
    List<String> customWords = in.readStrings();
    int groups = in.readCount(4);
    List<List<String>> synonyms = new ArrayList<>(groups);
    for (int g = 0; g < groups; g++) {
      synonyms.add(in.readStrings());
    }
    Map<String, String> bySound = readMap(in);
    int words = in.readCount(8);
    Map<String, Integer> frequency = new HashMap<>(words * 4 / 3 + 1);
    for (int w = 0; w < words; w++) {
      frequency.put(in.readString(), in.readInt());
    }
    long[] runs = in.readLongs();
    PinyinSpeller speller = PinyinSpeller.of(new PinyinSpeller.Tables(bySound, frequency, runs));
    return new Featurizer(new Analysis(seg, customWords, synonyms)).withSpeller(speller);
  }

  private static void writeSorted(SnapshotOutput out, Map<String, String> map) {
    out.writeInt(map.size());
    for (String key : new TreeSet<>(map.keySet())) {
      out.writeString(key);
      out.writeString(map.get(key));
    }
  }

  private static Map<String, String> readMap(SnapshotInput in) {
    int n = in.readCount(8);
    Map<String, String> map = new HashMap<>(n * 4 / 3 + 1);
    for (int i = 0; i < n; i++) {
      map.put(in.readString(), in.readString());
    }
    return map;
  }

  public Analyzer indexAnalyzer() {
    return indexWords;
  }

  public Analyzer bigramAnalyzer() {
    return bigrams;
  }

  /** Analyses normalised text (after repairing typos, if this featurizer has a speller). */
  public Text analyze(String normalized) {
    String text = speller.correct(normalized);
    List<String> tokens = tokens(words, text);
    StringBuilder content = new StringBuilder();
    for (String token : tokens) {
      content.append(token);
    }
    String seq =
        content.length() > MAX_TOKENS ? content.substring(0, MAX_TOKENS) : content.toString();
    // Sized for every feature at once (word, pair, a synonym or two; three grams and a pinyin pair
    // per character): growing a map of sixty features from sixteen slots was a twentieth of the
    // analysis of a large corpus. Consumers sort the features, so the table's order is never seen.
    int expected = 4 * tokens.size() + 4 * seq.length();
    Map<String, Integer> features = new HashMap<>(expected * 4 / 3 + 1);
    for (int i = 0; i < tokens.size(); i++) {
      count(features, WORD + tokens.get(i));
      for (String code : Thesaurus.classes(tokens.get(i))) {
        count(features, SYNONYM + code);
      }
      if (i + 1 < tokens.size()) {
        count(features, WORD_PAIR + tokens.get(i) + '|' + tokens.get(i + 1));
      }
    }
    for (int i = 0; i < seq.length(); i++) {
      count(features, CHAR1 + seq.substring(i, i + 1));
      if (i + 2 <= seq.length()) {
        count(features, CHAR2 + seq.substring(i, i + 2));
      }
      if (i + 3 <= seq.length()) {
        count(features, CHAR3 + seq.substring(i, i + 3));
      }
    }
    String previous = null;
    for (Pinyin pinyin : HanLP.convertToPinyinList(seq)) {
      String syllable = pinyin == Pinyin.none5 ? null : pinyin.getPinyinWithoutTone();
      if (syllable != null && previous != null) {
        count(features, PINYIN + previous + syllable);
      }
      previous = syllable;
    }
    return new Text(text, List.copyOf(tokens), features, Grams.of(seq), tokens(bigrams, text));
  }

  private static void count(Map<String, Integer> features, String feature) {
    features.merge(feature, 1, Integer::sum);
  }

  static List<String> tokens(Analyzer analyzer, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken() && out.size() < MAX_TOKENS) {
        out.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysis of an in-memory string failed", e);
    }
    return out;
  }

  /**
   * An analysed text.
   *
   * @param normalized the normalised text, typos repaired
   * @param tokens the word analyzer's tokens, in order
   * @param features feature string to count
   * @param grams character uni- and bigrams of the content words, for similarity
   * @param bigrams the bigram analyzer's tokens, for retrieval
   *     <p>Immutable by convention: never modified after construction.
   */
  public record Text(
      String normalized,
      List<String> tokens,
      Map<String, Integer> features,
      Grams grams,
      List<String> bigrams) {

    /** The same text without its feature map, once the features are encoded elsewhere. */
    public Text withoutFeatures() {
      return new Text(normalized, tokens, Map.of(), grams, bigrams);
    }

    /** The distinct tokens, in order of first appearance. */
    public Set<String> distinctTokens() {
      return new LinkedHashSet<>(tokens);
    }
  }
}
