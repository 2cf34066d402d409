package io.github.huashu.analyzers;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.CoreBiGramTableDictionary;
import com.hankcs.hanlp.dictionary.CoreDictionary;
import com.hankcs.hanlp.dictionary.CustomDictionary;
import com.hankcs.hanlp.dictionary.py.Pinyin;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Repairs the typos shoppers make with pinyin input methods: a run of whole words that is no word
 * of the knowledge base but sounds exactly like one (推货 → 退货, 包油 → 包邮, 物留 → 物流, 发漂 → 发票) is
 * replaced by that word, and so is pinyin typed in Latin letters (tui款, 退kuan → 退款). Tones are
 * ignored, as input methods ignore them.
 *
 * <p>Guards keep real text intact: a Chinese run is made of whole words as HanLP segments the text
 * and contains no word the corpus uses (so 没发货 is never read as 没法 + 货); it must not be a word
 * HanLP's dictionaries know, nor contain a pair of words HanLP's bigram table has seen together
 * more than once (好吗 stays 好吗, not 号码); it must not end in a sentence particle (吗, 呢, 吧 …); and it
 * must never occur in the knowledge base's own examples (the corpus is the language model: what its
 * authors wrote is not a typo). Letter runs must read entirely as pinyin syllables. Only real words
 * are targets: the caller's terms, or words HanLP's dictionaries know. Where candidates overlap,
 * the longer run and then the more frequent word wins. Chinese replacements keep the length; Latin
 * pinyin shortens the text ({@link SpellingCharFilter} corrects offsets).
 *
 * <p>Why one class of ~470 lines (with its tables as plain data, for snapshots): the guards above
 * are the speller, and each reads the same tables (the corpus's words and runs, HanLP's
 * dictionaries, the pinyin index); split apart they would share all of them.
 *
 * <p>Immutable and thread-safe.
 */
public final class PinyinSpeller {

  private static final int MIN = 2;
  private static final int MAX = 4;

  /** Bits per syllable number in a packed sound. */
  private static final int SYLLABLE_BITS = 10;

  /** Per {@link Pinyin} ordinal, its toneless syllable's number (from 1), or 0 for none5. */
  private static final int[] SYLLABLE_NUMBER = syllableNumbers();

  private static int[] syllableNumbers() {
    Map<String, Integer> numbers = new HashMap<>();
    int[] byOrdinal = new int[Pinyin.values().length];
    for (Pinyin p : Pinyin.values()) {
      if (p != Pinyin.none5) {
        byOrdinal[p.ordinal()] =
            numbers.computeIfAbsent(p.getPinyinWithoutTone(), k -> numbers.size() + 1);
      }
    }
    if (numbers.size() >= 1 << SYLLABLE_BITS) {
      throw new IllegalStateException(
          "expected fewer than 1024 toneless syllables but HanLP has " + numbers.size());
    }
    return byOrdinal;
  }

  private static final Map<String, Integer> NUMBER_OF_SYLLABLE = numberOfSyllable();

  private static Map<String, Integer> numberOfSyllable() {
    Map<String, Integer> out = new HashMap<>();
    for (Pinyin p : Pinyin.values()) {
      if (p != Pinyin.none5) {
        out.put(p.getPinyinWithoutTone(), SYLLABLE_NUMBER[p.ordinal()]);
      }
    }
    return out;
  }

  /** A speller that changes nothing. */
  public static final PinyinSpeller NONE = new PinyinSpeller(Map.of(), Map.of(), new long[0]);

  /** Sound (toneless syllables) to the vocabulary word, for sounds only one word makes. */
  private final Map<String, String> bySound;

  private final Map<String, Integer> frequency;

  /** Every run of 2 to 4 characters of the corpus texts. */
  private final long[] corpusRuns;

  /**
   * Derived from {@link #bySound} for the test every question takes: each sound as its syllables'
   * numbers packed into a long ({@link #soundKey}), ascending, with its word at the same index. A
   * question's runs are then looked up without building a string per run.
   */
  private final long[] soundKeys;

  private final String[] soundWords;

  private PinyinSpeller(
      Map<String, String> bySound, Map<String, Integer> frequency, long[] corpusRuns) {
    this.bySound = bySound;
    this.frequency = frequency;
    this.corpusRuns = corpusRuns;
    long[] keys = new long[bySound.size()];
    String[] words = new String[bySound.size()];
    Map<Long, String> byKey = new HashMap<>();
    for (Map.Entry<String, String> entry : bySound.entrySet()) {
      byKey.put(soundKey(entry.getKey()), entry.getValue());
    }
    int n = 0;
    for (long key : byKey.keySet().stream().mapToLong(Long::longValue).sorted().toArray()) {
      keys[n] = key;
      words[n++] = byKey.get(key);
    }
    this.soundKeys = keys;
    this.soundWords = words;
  }

  /**
   * A sound (toneless syllables joined by apostrophes, as {@link #sound} writes it) packed into a
   * long: each syllable's number in turn, {@value #SYLLABLE_BITS} bits each. Numbers start at 1, so
   * sounds of different lengths differ; a sound of at most {@value #MAX} syllables fits.
   */
  private static long soundKey(String sound) {
    long key = 0;
    String[] syllables = sound.split("'", -1);
    if (syllables.length > MAX) {
      throw new IllegalArgumentException(
          "expected a sound of at most " + MAX + " syllables but was '" + sound + "'");
    }
    for (String syllable : syllables) {
      Integer number = NUMBER_OF_SYLLABLE.get(syllable);
      if (number == null) {
        throw new IllegalArgumentException(
            "expected toneless pinyin syllables but was '" + sound + "'");
      }
      key = (key << SYLLABLE_BITS) | number;
    }
    return key;
  }

  /**
   * The speller a knowledge base uses: it repairs towards the words found in at least two of the
   * corpus's texts, and towards the corpus's own terms (intent names, terms, synonyms) even if they
   * occur once.
   *
   * @param documentFrequency per normalised word, in how many of the corpus's texts it occurs
   * @param terms the corpus's terms, as written (they are normalised here)
   * @param corpusTexts the normalised texts; runs found in them are never repaired
   */
  public static PinyinSpeller forCorpus(
      Map<String, Integer> documentFrequency,
      Collection<String> terms,
      Collection<String> corpusTexts) {
    Map<String, Integer> vocabulary = new HashMap<>(documentFrequency);
    vocabulary.values().removeIf(count -> count < 2);
    Set<String> normalized = new HashSet<>();
    terms.forEach(term -> normalized.add(ChineseNormalizer.normalize(term)));
    normalized.forEach(term -> vocabulary.merge(term, 1, Integer::sum));
    return of(vocabulary, normalized, corpusTexts);
  }

  /**
   * A speller that repairs towards the vocabulary.
   *
   * @param vocabulary normalised words with their frequency in the corpus (higher wins a tie)
   * @param terms normalised words that are targets even if HanLP does not know them (domain terms)
   * @param corpusTexts the normalised texts the vocabulary comes from; runs found in them are never
   *     repaired
   */
  public static PinyinSpeller of(
      Map<String, Integer> vocabulary, Set<String> terms, Collection<String> corpusTexts) {
    Map<String, String> bySound = new HashMap<>();
    Set<String> ambiguous = new HashSet<>();
    Map<String, Integer> frequency = new HashMap<>();
    for (Map.Entry<String, Integer> entry : vocabulary.entrySet()) {
      String word = entry.getKey();
      if (word.length() < MIN
          || word.length() > MAX
          || !isChinese(word)
          || !(terms.contains(word) || isWord(word))) {
        continue;
      }
      String sound = sound(HanLP.convertToPinyinList(word), 0, word.length());
      if (sound == null) {
        continue;
      }
      frequency.put(word, entry.getValue());
      String previous = bySound.putIfAbsent(sound, word);
      if (previous != null && !previous.equals(word)) {
        ambiguous.add(sound);
      }
    }
    ambiguous.forEach(bySound::remove);
    // Runs packed into longs (four UTF-16 units fit), sorted and distinct: a large corpus has
    // millions of runs, as strings in a hash set they were seconds of load and tens of megabytes.
    int total = 0;
    for (String text : corpusTexts) {
      total += Math.max(0, text.length() - MIN + 1) * (MAX - MIN + 1);
    }
    long[] runs = new long[total];
    int n = 0;
    for (String text : corpusTexts) {
      for (int i = 0; i < text.length(); i++) {
        for (int length = MIN; length <= MAX && i + length <= text.length(); length++) {
          runs[n++] = pack(text, i, i + length);
        }
      }
    }
    Arrays.sort(runs, 0, n);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (distinct == 0 || runs[distinct - 1] != runs[i]) {
        runs[distinct++] = runs[i];
      }
    }
    // Hash collections (never modified from here on), not Map.copyOf: most lookups miss, and on a
    // miss the immutable collections call String.equals on every slot they probe.
    return new PinyinSpeller(
        Collections.unmodifiableMap(bySound),
        Collections.unmodifiableMap(frequency),
        Arrays.copyOf(runs, distinct));
  }

  /**
   * A speller's tables as plain data, for saving a trained knowledge base and opening it without
   * building the speller again.
   *
   * @param bySound toneless syllables joined by apostrophes ({@code tui'huo}) to the one word that
   *     sounds so
   * @param frequency per target word, its frequency in the corpus (higher wins a tie)
   * @param corpusRuns every run of 2 to 4 characters of the corpus's texts, packed 16 bits a
   *     character into a long, ascending and distinct; runs found there are never repaired
   *     <p>Immutable by convention: the array is never modified.
   */
  public record Tables(
      Map<String, String> bySound, Map<String, Integer> frequency, long[] corpusRuns) {}

  /** This speller's tables; {@link #of(Tables)} gives the same speller back. */
  public Tables tables() {
    return new Tables(bySound, frequency, corpusRuns);
  }

  /**
   * The speller with these tables, as {@link #tables()} gave them.
   *
   * @throws IllegalArgumentException if a sound's word has no frequency or the runs are not
   *     ascending and distinct
   */
  public static PinyinSpeller of(Tables tables) {
    for (String word : tables.bySound().values()) {
      if (!tables.frequency().containsKey(word)) {
        throw new IllegalArgumentException(
            "expected a frequency for every word of a sound but '" + word + "' has none");
      }
    }
    long[] runs = tables.corpusRuns();
    for (int i = 1; i < runs.length; i++) {
      if (runs[i - 1] >= runs[i]) {
        throw new IllegalArgumentException(
            "expected ascending distinct runs but run " + i + " was not above the one before");
      }
    }
    if (tables.bySound().isEmpty() && tables.frequency().isEmpty() && runs.length == 0) {
      return NONE;
    }
    return new PinyinSpeller(
        Collections.unmodifiableMap(new HashMap<>(tables.bySound())),
        Collections.unmodifiableMap(new HashMap<>(tables.frequency())),
        runs.clone());
  }

  /** Replacing text[start, end) by a vocabulary word. */
  record Repair(int start, int end, String word, int frequency) {}

  /**
   * Returns the text with typos repaired. Chinese characters are replaced one for one; pinyin typed
   * in Latin letters (tui款, tuikuan) is replaced by the word, so then the text gets shorter.
   */
  public String correct(String text) {
    List<Repair> repairs = repairs(text);
    if (repairs.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (Repair repair : repairs) {
      out.append(text, at, repair.start).append(repair.word);
      at = repair.end;
    }
    return out.append(text, at, text.length()).toString();
  }

  /** The repairs of a text, not overlapping, in order of position. */
  List<Repair> repairs(String text) {
    if (bySound.isEmpty() || text.length() < MIN) {
      return List.of();
    }
    List<Pinyin> pinyin = HanLP.convertToPinyinList(text);
    if (pinyin.size() != text.length() || !mayNeedRepair(text, pinyin)) {
      return List.of();
    }
    List<Term> terms = SEGMENT.seg(text);
    List<Repair> candidates = new ArrayList<>();
    // Chinese runs: whole words as HanLP segments the text, never containing a word the corpus
    // uses.
    for (int first = 0; first < terms.size(); first++) {
      int start = terms.get(first).offset;
      for (int last = first; last < terms.size(); last++) {
        Term term = terms.get(last);
        int end = term.offset + term.length();
        if (end - start > MAX
            || (term.length() >= MIN && frequency.containsKey(term.word))
            || (last > first && seenTogether(terms.get(last - 1), term))) {
          break;
        }
        if (end - start < MIN || PARTICLES.indexOf(text.charAt(end - 1)) >= 0) {
          continue;
        }
        String run = text.substring(start, end);
        if (inCorpus(text, start, end) || isWord(run)) {
          continue;
        }
        String sound = sound(pinyin, start, end);
        String word = sound == null ? null : bySound.get(sound);
        if (word != null) {
          candidates.add(new Repair(start, end, word, frequency.get(word)));
        }
      }
    }
    latinCandidates(text, pinyin, terms, candidates);
    return choose(candidates, text.length());
  }

  /**
   * A run of 2 to 4 characters as one long, 16 bits a character, first character highest; shorter
   * runs leave the low bits zero. Normalised text has no NUL, so no two runs share a key.
   */
  private static long pack(String text, int start, int end) {
    long key = 0;
    for (int i = start; i < start + MAX; i++) {
      key = (key << 16) | (i < end ? text.charAt(i) : 0);
    }
    return key;
  }

  /** Whether the corpus's texts contain this run. */
  private boolean inCorpus(String text, int start, int end) {
    return Arrays.binarySearch(corpusRuns, pack(text, start, end)) >= 0;
  }

  /**
   * A cheap test before segmenting: whether the text has letters, or a run of characters that is
   * not in the corpus but sounds like a vocabulary word other than itself. Most questions have
   * neither and skip segmentation.
   */
  private boolean mayNeedRepair(String text, List<Pinyin> pinyin) {
    for (int start = 0; start < text.length(); start++) {
      char c = text.charAt(start);
      if (c >= 'a' && c <= 'z') {
        return true;
      }
      // The sound of [start, end) grows a syllable at a time, packed as soundKey packs it.
      long key = 0;
      for (int end = start + 1; end <= Math.min(text.length(), start + MAX); end++) {
        int number = SYLLABLE_NUMBER[pinyin.get(end - 1).ordinal()];
        if (number == 0) {
          break;
        }
        key = (key << SYLLABLE_BITS) | number;
        if (end - start < MIN) {
          continue;
        }
        int at = Arrays.binarySearch(soundKeys, key);
        String word = at < 0 ? null : soundWords[at];
        if (word != null && !text.regionMatches(start, word, 0, word.length())) {
          if (!inCorpus(text, start, end)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Runs that mix pinyin typed in Latin letters with Chinese characters (tui款, 退kuan, tuikuan):
   * each letter run must read entirely as pinyin syllables, and the run as a whole must sound like
   * exactly one vocabulary word.
   */
  private void latinCandidates(
      String text, List<Pinyin> pinyin, List<Term> terms, List<Repair> out) {
    boolean[] known = new boolean[text.length()];
    for (Term term : terms) {
      if (term.length() >= MIN && frequency.containsKey(term.word)) {
        Arrays.fill(known, term.offset, Math.min(text.length(), term.offset + term.length()), true);
      }
    }
    // Units: a Chinese character with its syllable, or a whole letter run with its syllables.
    List<int[]> spans = new ArrayList<>();
    List<List<String>> syllables = new ArrayList<>();
    List<Boolean> latin = new ArrayList<>();
    for (int i = 0; i < text.length(); ) {
      char c = text.charAt(i);
      if (c >= 'a' && c <= 'z') {
        int end = i;
        while (end < text.length() && text.charAt(end) >= 'a' && text.charAt(end) <= 'z') {
          end++;
        }
        List<String> parsed = syllables(text.substring(i, end));
        spans.add(new int[] {i, end});
        syllables.add(parsed);
        latin.add(Boolean.TRUE);
        i = end;
      } else {
        Pinyin p = pinyin.get(i);
        spans.add(new int[] {i, i + 1});
        syllables.add(p == Pinyin.none5 || known[i] ? null : List.of(p.getPinyinWithoutTone()));
        latin.add(Boolean.FALSE);
        i++;
      }
    }
    for (int first = 0; first < spans.size(); first++) {
      StringBuilder sound = new StringBuilder();
      int count = 0;
      boolean hasLatin = false;
      for (int last = first; last < spans.size(); last++) {
        List<String> unit = syllables.get(last);
        if (unit == null || count + unit.size() > MAX) {
          break;
        }
        for (String syllable : unit) {
          if (sound.length() > 0) {
            sound.append('\'');
          }
          sound.append(syllable);
        }
        count += unit.size();
        hasLatin |= latin.get(last);
        if (hasLatin && count >= MIN) {
          String word = bySound.get(sound.toString());
          if (word != null) {
            out.add(new Repair(spans.get(first)[0], spans.get(last)[1], word, frequency.get(word)));
          }
        }
      }
    }
  }

  /**
   * The letters as pinyin syllables, preferring long ones, or null if they do not read as pinyin.
   */
  private static List<String> syllables(String letters) {
    int n = letters.length();
    int[] from = new int[n + 1];
    Arrays.fill(from, -1);
    from[0] = 0;
    for (int end = 1; end <= n; end++) {
      for (int start = Math.max(0, end - LONGEST_SYLLABLE); start < end; start++) {
        if (from[start] >= 0 && SYLLABLES.contains(letters.substring(start, end))) {
          from[end] = start; // the smallest start: the longest last syllable
          break;
        }
      }
    }
    if (from[n] < 0) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int end = n; end > 0; end = from[end]) {
      out.add(0, letters.substring(from[end], end));
    }
    return out;
  }

  /** Non-overlapping repairs: longer runs first, then more frequent words; in order of position. */
  private static List<Repair> choose(List<Repair> candidates, int length) {
    candidates.sort(
        Comparator.comparingInt((Repair r) -> r.end - r.start)
            .thenComparingInt(Repair::frequency)
            .reversed()
            .thenComparingInt(Repair::start));
    boolean[] taken = new boolean[length];
    List<Repair> chosen = new ArrayList<>();
    for (Repair repair : candidates) {
      boolean free = true;
      for (int i = repair.start; i < repair.end; i++) {
        free &= !taken[i];
      }
      if (free) {
        chosen.add(repair);
        Arrays.fill(taken, repair.start, repair.end, true);
      }
    }
    chosen.sort(Comparator.comparingInt(Repair::start));
    return chosen;
  }

  private static final Set<String> SYLLABLES = syllableSet();
  private static final int LONGEST_SYLLABLE = 6;

  private static Set<String> syllableSet() {
    Set<String> all = new HashSet<>();
    for (Pinyin p : Pinyin.values()) {
      if (p != Pinyin.none5) {
        all.add(p.getPinyinWithoutTone());
      }
    }
    return Set.copyOf(all);
  }

  /** Segments without named-entity guesses; HanLP segments may be shared once configured. */
  private static final Segment SEGMENT =
      HanLP.newSegment().enableOffset(true).enableAllNamedEntityRecognize(false);

  /** Whether HanLP's bigram table has seen the two words together more than once. */
  private static boolean seenTogether(Term left, Term right) {
    return CoreBiGramTableDictionary.getBiFrequency(left.word, right.word) > 1;
  }

  /** Sentence-final particles: a run ending in one is a question, not a misspelt word. */
  private static final String PARTICLES = "吗呢吧啊呀嘛么哦哈啦了";

  private static boolean isWord(String run) {
    return CoreDictionary.contains(run) || CustomDictionary.DEFAULT.contains(run);
  }

  private static boolean isChinese(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (Character.UnicodeScript.of(word.charAt(i)) != Character.UnicodeScript.HAN) {
        return false;
      }
    }
    return true;
  }

  /** Toneless syllables of [from, to) joined by apostrophes, or null if one is not Chinese. */
  private static String sound(List<Pinyin> pinyin, int from, int to) {
    StringBuilder out = new StringBuilder();
    for (int i = from; i < to; i++) {
      Pinyin p = pinyin.get(i);
      if (p == Pinyin.none5) {
        return null;
      }
      if (out.length() > 0) {
        out.append('\'');
      }
      out.append(p.getPinyinWithoutTone());
    }
    return out.toString();
  }

  /** How many sounds the speller can repair towards. */
  public int size() {
    return bySound.size();
  }
}
