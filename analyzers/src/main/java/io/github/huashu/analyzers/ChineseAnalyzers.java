package io.github.huashu.analyzers;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.collection.trie.bintrie.BinTrie;
import com.hankcs.hanlp.dictionary.CoreDictionary;
import com.hankcs.hanlp.dictionary.CustomDictionary;
import com.hankcs.hanlp.dictionary.DynamicCustomDictionary;
import com.hankcs.hanlp.dictionary.other.CharTable;
import com.hankcs.hanlp.seg.Segment;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;

/**
 * Lucene analyzers for Chinese shopper questions.
 *
 * <p>Every analyzer folds its input first ({@link FoldingCharFilter}: full-width to half-width,
 * Traditional to Simplified, lower case; offsets stay those of the original text), segments it,
 * drops punctuation, drops filler words that do not change what a question asks ({@link
 * #questionStopwords()}) and maps synonyms onto the first word of their group.
 *
 * <pre>{@code
 * Analyzer analyzer = ChineseAnalyzers.builder()
 *     .customWords(List.of("七天无理由", "运费险"))
 *     .synonyms(List.of(List.of("退款", "退钱")))
 *     .build();
 * }</pre>
 *
 * <p>Custom words and synonyms belong to the analyzer that was built with them: HanLP's global
 * {@code CustomDictionary} is never changed, so analyzers of different knowledge bases in one JVM
 * segment independently. Analyzers are thread-safe and meant to be shared; as with every Lucene
 * analyzer, a {@link TokenStream} it returns is not.
 */
public final class ChineseAnalyzers {

  /** The word segmenter an analyzer is built on. */
  public enum Segmenter {
    /** HanLP's Viterbi segmenter with its core and custom dictionaries. */
    HANLP,
    /** Lucene's smartcn hidden-Markov-model segmenter. */
    SMARTCN
  }

  /**
   * A query-mode and an index-mode analyzer over one dictionary ({@link Builder#buildBoth()}).
   *
   * @param query for questions
   * @param index for the documents of an index
   */
  public record QueryAndIndex(Analyzer query, Analyzer index) {}

  /** Whether an analyzer prepares text for an index or for a query. */
  public enum Mode {
    /**
     * For queries: each word once, the longest the dictionary knows (七天无理由退货 stays one token when
     * the knowledge base knows the phrase).
     */
    QUERY,
    /**
     * For indexing: long words are followed by the shorter words inside them (增值税 also gives 增值),
     * so that a query for a part still finds the whole. Every token has a position of its own, as
     * with IK's {@code ik_max_word}: good for term queries, not for phrase queries.
     */
    INDEX
  }

  private static final List<String> QUESTION_STOPWORDS =
      List.of(
          "亲", "亲亲", "亲爱的", "请问", "问一下", "问下", "一下", "呢", "啊", "呀", "吧", "哦", "噢", "喔", "哈", "哈哈",
          "哈哈哈", "嘛", "吗", "么", "嗯", "嗯嗯", "额", "呃", "哎", "唉", "诶", "欸", "喂", "啦", "咯", "哟", "呐",
          "哇", "的", "地", "得", "了", "着", "那个", "就是", "然后", "麻烦");

  private ChineseAnalyzers() {}

  /** An analyzer on HanLP with the default stopwords and no custom words or synonyms. */
  public static Analyzer hanlp() {
    return builder().build();
  }

  /** An analyzer on Lucene's smartcn with the default stopwords and no custom words or synonyms. */
  public static Analyzer smartcn() {
    return builder().segmenter(Segmenter.SMARTCN).build();
  }

  /**
   * An analyzer that emits overlapping character bigrams of Chinese text ("退货运费" gives 退货, 货运, 运费)
   * and whole words of other scripts, after the same folding. It needs no dictionary, so it still
   * matches where a typo or an unknown word defeats segmentation.
   */
  public static Analyzer bigrams() {
    return new FoldingAnalyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        return new TokenStreamComponents(source, new CJKBigramFilter(source));
      }
    };
  }

  /** Returns a new builder; by default HanLP, the question stopwords, no custom words. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Filler that shoppers add without changing the question (亲, 请问, 一下, 呢, 啊 …). Words that change
   * the meaning (不, 没, 别, 还没, 不是) are deliberately absent.
   */
  public static List<String> questionStopwords() {
    return QUESTION_STOPWORDS;
  }

  /**
   * Builds analyzers. Each option may be set once; a bad value is rejected at once. Not
   * thread-safe; {@link #build()} may be called many times and never changes the builder.
   */
  public static final class Builder {
    private Segmenter segmenter;
    private Mode mode;
    private List<String> customWords;
    private List<List<String>> synonyms;
    private List<String> stopwords;
    private PinyinSpeller speller;

    private Builder() {}

    /** The segmenter; {@link Segmenter#HANLP} unless set. */
    public Builder segmenter(Segmenter segmenter) {
      requireUnset(this.segmenter, "segmenter was");
      this.segmenter = Objects.requireNonNull(segmenter, "segmenter");
      return this;
    }

    /** Index or query analysis; {@link Mode#QUERY} unless set. */
    public Builder mode(Mode mode) {
      requireUnset(this.mode, "mode was");
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Words the segmenter must keep whole (domain terms, product names). They are folded like the
     * text, so Traditional or full-width spellings work as well.
     */
    public Builder customWords(Collection<String> words) {
      requireUnset(this.customWords, "custom words were");
      this.customWords = foldAll(words, "custom word");
      return this;
    }

    /**
     * Groups of interchangeable words; every word of a group is indexed and searched as the group's
     * first word. A group needs at least two words.
     */
    public Builder synonyms(Collection<? extends Collection<String>> groups) {
      requireUnset(this.synonyms, "synonyms were");
      List<List<String>> folded = new ArrayList<>();
      for (Collection<String> group : groups) {
        List<String> words = foldAll(group, "synonym");
        if (words.size() < 2) {
          throw new IllegalArgumentException(
              "expected a synonym group of at least 2 distinct words but was " + group);
        }
        folded.add(words);
      }
      this.synonyms = List.copyOf(folded);
      return this;
    }

    /**
     * Repairs pinyin typos towards a vocabulary before segmentation (推货 → 退货, tui款 → 退款); none
     * unless set.
     */
    public Builder speller(PinyinSpeller speller) {
      requireUnset(this.speller, "speller was");
      this.speller = Objects.requireNonNull(speller, "speller");
      return this;
    }

    /** Words to drop; {@link #questionStopwords()} unless set. */
    public Builder stopwords(Collection<String> words) {
      requireUnset(this.stopwords, "stopwords were");
      this.stopwords = foldAll(words, "stopword");
      return this;
    }

    /** Returns a new analyzer with this builder's options. */
    public Analyzer build() {
      return shared().analyzer(mode == Mode.INDEX, null);
    }

    /**
     * Returns a query-mode and an index-mode analyzer with this builder's other options, for a
     * corpus analysed both ways: they share one dictionary and synonym map, and on HanLP, a thread
     * that analyses a text of up to {@value SegmentationMemo#MAX_REMEMBERED} characters with the
     * index analyzer and then the same text with the query analyzer segments it once (query-mode
     * words are index-mode words without the shorter words inside longer ones). The tokens are
     * those of two analyzers built apart. Each thread that used the index analyzer keeps its last
     * such text's words until its next query analysis, or until the analyzers are unreachable.
     *
     * @throws IllegalStateException if a mode was set
     */
    public QueryAndIndex buildBoth() {
      requireUnset(mode, "mode was");
      Shared shared = shared();
      SegmentationMemo memo = shared.hanlpWords() == null ? null : new SegmentationMemo();
      return new QueryAndIndex(shared.analyzer(false, memo), shared.analyzer(true, memo));
    }

    /** What the analyzers of this builder's options share, whatever their mode. */
    private Shared shared() {
      Segmenter seg = segmenter == null ? Segmenter.HANLP : segmenter;
      List<String> stops = stopwords == null ? QUESTION_STOPWORDS : stopwords;
      List<List<String>> groups = synonyms == null ? List.of() : synonyms;
      Set<String> dictionary = new LinkedHashSet<>(customWords == null ? List.of() : customWords);
      groups.forEach(dictionary::addAll);

      DynamicCustomDictionary hanlpWords =
          seg == Segmenter.HANLP ? hanlpDictionary(dictionary) : null;
      PhraseJoinFilter.Words joinWords =
          seg == Segmenter.SMARTCN && !dictionary.isEmpty()
              ? new PhraseJoinFilter.Words(dictionary)
              : null;
      CharArraySet stopSet = CharArraySet.unmodifiableSet(new CharArraySet(stops, false));
      PinyinSpeller spell = speller == null ? PinyinSpeller.NONE : speller;
      SynonymMap map = null;
      if (!groups.isEmpty()) {
        // Synonyms are looked up in query analysis: one token per word, no stacked parts.
        ChineseAnalyzer plain =
            new ChineseAnalyzer(
                hanlpWords == null ? null : hanlpSegments(hanlpWords, false),
                null,
                joinWords,
                false,
                stopSet,
                null,
                PinyinSpeller.NONE);
        map = synonymMap(plain, groups);
        plain.close();
      }
      return new Shared(hanlpWords, joinWords, stopSet, map, spell);
    }

    /** The dictionary, filter sets, synonym map and speller of one build. */
    private record Shared(
        DynamicCustomDictionary hanlpWords,
        PhraseJoinFilter.Words joinWords,
        CharArraySet stopwords,
        SynonymMap synonyms,
        PinyinSpeller speller) {

      ChineseAnalyzer analyzer(boolean index, SegmentationMemo memo) {
        return new ChineseAnalyzer(
            hanlpWords == null ? null : hanlpSegments(hanlpWords, index),
            memo,
            joinWords,
            index,
            stopwords,
            synonyms,
            speller);
      }
    }

    private static void requireUnset(Object value, String what) {
      if (value != null) {
        throw new IllegalStateException(what + " already set");
      }
    }

    private static List<String> foldAll(Collection<String> words, String what) {
      Objects.requireNonNull(words, what + "s");
      Set<String> folded = new LinkedHashSet<>();
      for (String word : words) {
        Objects.requireNonNull(word, what);
        String normal = ChineseNormalizer.normalize(word);
        if (normal.isEmpty()) {
          throw new IllegalArgumentException(
              "expected a non-blank " + what + " but was '" + word + "'");
        }
        folded.add(normal);
      }
      return List.copyOf(folded);
    }
  }

  private static DynamicCustomDictionary hanlpDictionary(Set<String> words) {
    // A dictionary of this analyzer's own over HanLP's default custom words, which are shared and
    // must never be written: they are read by every analyzer in the JVM while this one is built.
    // So no path (given one, the constructor reloads the shared double-array trie in place, its
    // arrays zeroed and refilled under other threads' reads), and the corpus's words go straight
    // into the private trie (insert would overwrite the attribute of a word the shared trie has).
    // The private trie is matched after the shared one, so its attribute is the one a word keeps.
    BinTrie<CoreDictionary.Attribute> own = new BinTrie<>();
    for (String word : words) {
      own.put(
          HanLP.Config.Normalization ? CharTable.convert(word) : word,
          CoreDictionary.Attribute.create(CORPUS_WORD));
    }
    return new DynamicCustomDictionary(CustomDictionary.DEFAULT.dat, own, null);
  }

  /** The nature and frequency of a corpus's own words: a proper noun, and frequent. */
  private static final String CORPUS_WORD = "nz 1024";

  private static Supplier<Segment> hanlpSegments(
      DynamicCustomDictionary dictionary, boolean index) {
    // Part-of-speech tagging stays off (HanLP's default): with it on, query mode would tag the
    // words again and index mode not, and a query analysis could no longer take its words from an
    // index analysis (SegmentationMemo).
    return () ->
        HanLP.newSegment()
            .enableOffset(true)
            .enableIndexMode(index)
            .enableAllNamedEntityRecognize(false)
            .enableCustomDictionary(dictionary);
  }

  private static SynonymMap synonymMap(Analyzer analyzer, List<List<String>> groups) {
    try {
      SynonymMap.Builder builder = new SynonymMap.Builder(true);
      for (List<String> group : groups) {
        CharsRef canonical = analyze(analyzer, group.get(0));
        if (canonical == null) {
          continue;
        }
        for (String word : group.subList(1, group.size())) {
          CharsRef input = analyze(analyzer, word);
          if (input != null && !input.equals(canonical)) {
            builder.add(input, canonical, false);
          }
        }
      }
      return builder.build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the synonym map", e);
    }
  }

  /** The word's tokens joined with {@link SynonymMap#WORD_SEPARATOR}, or null if it has none. */
  private static CharsRef analyze(Analyzer analyzer, String word) throws IOException {
    CharsRefBuilder joined = new CharsRefBuilder();
    try (TokenStream ts = analyzer.tokenStream("", word)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        if (joined.length() > 0) {
          joined.append(SynonymMap.WORD_SEPARATOR);
        }
        joined.append(term.buffer(), 0, term.length());
      }
      ts.end();
    }
    return joined.length() == 0 ? null : joined.toCharsRef();
  }

  /** The analysis chain; immutable configuration, components reused per thread by Lucene. */
  private static final class ChineseAnalyzer extends FoldingAnalyzer {

    @Override
    protected Reader wrap(Reader folded) {
      return speller == PinyinSpeller.NONE ? folded : new SpellingCharFilter(folded, speller);
    }

    private final Supplier<Segment> segments;
    private final SegmentationMemo memo;
    private final PhraseJoinFilter.Words joinWords;
    private final boolean index;
    private final CharArraySet stopwords;
    private final SynonymMap synonyms;
    private final PinyinSpeller speller;

    ChineseAnalyzer(
        Supplier<Segment> segments,
        SegmentationMemo memo,
        PhraseJoinFilter.Words joinWords,
        boolean index,
        CharArraySet stopwords,
        SynonymMap synonyms,
        PinyinSpeller speller) {
      this.speller = speller;
      this.segments = segments;
      this.memo = memo;
      this.joinWords = joinWords;
      this.index = index;
      this.stopwords = stopwords;
      this.synonyms = synonyms;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source =
          segments != null ? new HanLPTokenizer(segments, memo, index) : new HMMChineseTokenizer();
      TokenStream stream = new WordTokenFilter(source);
      if (joinWords != null) {
        stream = new PhraseJoinFilter(stream, joinWords, index);
      }
      stream = new StopFilter(stream, stopwords);
      if (synonyms != null) {
        stream = new FlattenGraphFilter(new SynonymGraphFilter(stream, synonyms, false));
      }
      return new TokenStreamComponents(source, stream);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "ChineseAnalyzer[%s, %s, %d stopwords, synonyms=%s]",
          segments != null ? "hanlp" : "smartcn",
          index ? "index" : "query",
          stopwords.size(),
          synonyms != null);
    }
  }
}
