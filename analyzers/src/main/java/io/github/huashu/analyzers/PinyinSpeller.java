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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Repairs the typos shoppers make with pinyin input methods: a run of whole words that is no word
 * of the knowledge base but sounds exactly like one (推货 → 退货, 包油 → 包邮, 物留 → 物流, 发漂 → 发票) is
 * replaced by that word. Tones are ignored, as input methods ignore them.
 *
 * <p>Guards keep real text intact: a run is made of whole words as HanLP segments the text and
 * contains no word the corpus uses (so 没发货 is never read as 没法 + 货); it must not be a word HanLP's dictionaries know, nor contain a pair
 * of words HanLP's bigram table has seen together more than once (好吗 stays 好吗, not 号码); it must
 * not end in a sentence particle (吗, 呢, 吧 …); and it must never occur in the knowledge base's own
 * examples (the corpus is the language model: what its authors wrote is not a typo). Only real
 * words are targets: the caller's terms, or words HanLP's dictionaries know. Where candidates
 * overlap, the longer run and then the more frequent word wins. Replacements keep the length, so
 * offsets do not move.
 *
 * <p>Immutable and thread-safe.
 */
public final class PinyinSpeller {

  private static final int MIN = 2;
  private static final int MAX = 4;

  /** A speller that changes nothing. */
  public static final PinyinSpeller NONE = new PinyinSpeller(Map.of(), Map.of(), Set.of());

  /** Sound (toneless syllables) to the vocabulary word, for sounds only one word makes. */
  private final Map<String, String> bySound;
  private final Map<String, Integer> frequency;
  /** Every run of 2 to 4 characters of the corpus texts. */
  private final Set<String> corpusRuns;

  private PinyinSpeller(
      Map<String, String> bySound, Map<String, Integer> frequency, Set<String> corpusRuns) {
    this.bySound = bySound;
    this.frequency = frequency;
    this.corpusRuns = corpusRuns;
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
    Set<String> runs = new HashSet<>();
    for (String text : corpusTexts) {
      for (int i = 0; i < text.length(); i++) {
        for (int length = MIN; length <= MAX && i + length <= text.length(); length++) {
          runs.add(text.substring(i, i + length));
        }
      }
    }
    return new PinyinSpeller(Map.copyOf(bySound), Map.copyOf(frequency), Set.copyOf(runs));
  }

  private record Repair(int start, int end, String word, int frequency) {}

  /** Returns the text with sound-alike runs repaired; always the same length as the input. */
  public String correct(String text) {
    if (bySound.isEmpty() || text.length() < MIN) {
      return text;
    }
    List<Pinyin> pinyin = HanLP.convertToPinyinList(text);
    if (pinyin.size() != text.length()) {
      return text;
    }
    // Runs are whole words as HanLP segments the text, and never contain a word the corpus uses.
    List<Term> terms = SEGMENT.seg(text);
    List<Repair> repairs = new ArrayList<>();
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
        if (corpusRuns.contains(run) || isWord(run)) {
          continue;
        }
        String sound = sound(pinyin, start, end);
        String word = sound == null ? null : bySound.get(sound);
        if (word != null) {
          repairs.add(new Repair(start, end, word, frequency.get(word)));
        }
      }
    }
    if (repairs.isEmpty()) {
      return text;
    }
    repairs.sort(
        Comparator.comparingInt((Repair r) -> r.end - r.start)
            .thenComparingInt(Repair::frequency)
            .reversed()
            .thenComparingInt(Repair::start));
    char[] out = text.toCharArray();
    boolean[] taken = new boolean[text.length()];
    for (Repair repair : repairs) {
      boolean free = true;
      for (int i = repair.start; i < repair.end; i++) {
        free &= !taken[i];
      }
      if (free) {
        repair.word.getChars(0, repair.end - repair.start, out, repair.start);
        Arrays.fill(taken, repair.start, repair.end, true);
      }
    }
    return new String(out);
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
