package io.github.huashu.internal.emotion;

import io.github.huashu.Emotion;
import io.github.huashu.Emotion.Label;
import io.github.huashu.Emotion.Signal;
import io.github.huashu.analyzers.ChineseNormalizer;
import io.github.huashu.analyzers.TypedText;
import io.github.huashu.internal.features.Grams;
import io.github.huashu.internal.tsv.Tsv;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first layer of emotion reading: a lexicon of several hundred words and phrases (怎么这么慢, 会不会丢,
 * 我要投诉, 12315, insults, and calming ones such as 不着急, 慢慢来, 谢谢) matched longest first on the folded
 * text, negation in the same clause, punctuation runs, emoji, a clause said twice, repetition
 * across messages and waiting, each a {@link Emotion.Signal} with its weight.
 *
 * <p>Why one class of ~500 lines: every rule reads the same folded text and fills the same
 * per-label weights, and the rules only make sense together (negation and contrast words change
 * what the words count); split apart they would pass those maps around. Immutable and thread-safe.
 */
public final class Lexicon {

  private static final String LEXICON = "emotion-lexicon.tsv";
  private static final double THRESHOLD = 2.5;
  private static final String NEGATORS = "不没别无非未";

  /** After a negator, these make no negation: 不过, 不然, 不但, 不仅, 不停, 不断, 不知, 不管. */
  private static final String NOT_NEGATING = "过然但仅停断知管";

  /** Between a negator and the word: 不是很急, 没那么生气, 不用催. */
  private static final String BRIDGING = "很太是那么用要会想再得怎多";

  private static final List<String> CONTRASTS = List.of("但是", "但", "可是", "不过", "然而");
  private static final Map<String, Cue> EMOJI = emojiCues();

  /** A lexicon entry: the emotion it points to and its weight in intensity points. */
  private record Cue(Label label, double weight) {}

  private final Map<String, Cue> lexicon;

  /** Per first character, the length of the longest phrase starting with it (0: none). */
  private final byte[] longestFrom = new byte[Character.MAX_VALUE + 1];

  private Lexicon(Map<String, Cue> lexicon) {
    this.lexicon = Map.copyOf(lexicon);
    for (String phrase : lexicon.keySet()) {
      int first = phrase.charAt(0);
      longestFrom[first] = (byte) Math.max(longestFrom[first], Math.min(phrase.length(), 127));
    }
  }

  /** The lexicon bundled with the library. */
  public static Lexicon standard() {
    return new Lexicon(readLexicon());
  }

  /** What the lexicon, punctuation, emoji, repetition and waiting say about a message. */
  public record Reading(
      String folded, Map<Label, Double> scores, double calm, List<Signal> signals) {

    /** The lexicon's own decision: the highest score, if it reaches the threshold. */
    public Emotion byLexicon() {
      Label best = Label.CALM;
      double top = 0;
      for (Label label : List.of(Label.ANGRY, Label.DISSATISFIED, Label.ANXIOUS)) {
        if (scores.get(label) > top) {
          best = label;
          top = scores.get(label);
        }
      }
      return top < THRESHOLD
          ? new Emotion(Label.CALM, 0, signals)
          : new Emotion(
              best, (int) Math.round(Math.min(10, Math.max(1, intensity(best)))), signals);
    }

    /** The label's score with a third of the others' added, or 0 if the label scored nothing. */
    public double intensity(Label label) {
      double own = scores.getOrDefault(label, 0.0);
      if (own <= 0) {
        return 0;
      }
      double others = 0;
      for (Map.Entry<Label, Double> score : scores.entrySet()) {
        others += score.getKey() == label ? 0 : score.getValue();
      }
      return own + 0.3 * others;
    }
  }

  /**
   * Reads a message as it was typed: what cannot be seen ({@link TypedText}) is not read, so a
   * zero-width space inside 投诉 hides nothing; the signals quote the message as written without it.
   */
  public Reading read(String typed, Collection<String> earlier, Duration waited) {
    String message = TypedText.clean(typed);
    String text = ChineseNormalizer.fold(message);
    List<Signal> signals = new ArrayList<>();
    Map<Label, List<Double>> weights = new EnumMap<>(Label.class);
    double calm = words(text, message, signals, weights);
    counts(text, message, signals, weights);
    emoji(message, signals, weights);
    repetition(text, earlier, signals, weights);
    waiting(waited, signals, weights);
    Map<Label, Double> scores = new EnumMap<>(Label.class);
    for (Label label : List.of(Label.ANGRY, Label.DISSATISFIED, Label.ANXIOUS)) {
      scores.put(label, combine(weights.getOrDefault(label, List.of())));
    }
    punctuation(text, message, signals, scores, calm > 0);
    if (calm > 0) {
      scores.computeIfPresent(Label.DISSATISFIED, (l, s) -> Math.max(0, s - 0.8 * calm));
      scores.computeIfPresent(Label.ANXIOUS, (l, s) -> Math.max(0, s - 0.8 * calm));
      scores.computeIfPresent(Label.ANGRY, (l, s) -> Math.max(0, s - 0.3 * calm));
    }
    return new Reading(text, Map.copyOf(scores), calm, List.copyOf(signals));
  }

  /** The strongest signal counts fully, the others half: five small complaints are not fury. */
  private static double combine(List<Double> weights) {
    double max = 0;
    double sum = 0;
    for (double w : weights) {
      max = Math.max(max, w);
      sum += w;
    }
    return max + 0.5 * (sum - max);
  }

  /** Lexicon matches, longest first and without overlap; returns the calming weight. */
  private double words(
      String text, String original, List<Signal> signals, Map<Label, List<Double>> weights) {
    int contrast = -1;
    for (String marker : CONTRASTS) {
      contrast = Math.max(contrast, text.lastIndexOf(marker));
    }
    double calm = 0;
    for (int i = 0; i < text.length(); ) {
      int matched = 0;
      for (int length = Math.min(longestFrom[text.charAt(i)], text.length() - i);
          length > 0;
          length--) {
        Cue cue = lexicon.get(text.substring(i, i + length));
        if (cue == null || !atWordBoundary(text, i, i + length)) {
          continue;
        }
        String written = original.substring(i, i + length);
        if (negated(text, i, cue.label())) {
          signals.add(new Signal(Signal.Kind.WORD, written, Label.CALM, 0));
        } else if (cue.label() == Label.CALM) {
          double weight = i < contrast ? 0 : cue.weight();
          calm += weight;
          signals.add(new Signal(Signal.Kind.WORD, written, Label.CALM, weight));
        } else {
          weights.computeIfAbsent(cue.label(), l -> new ArrayList<>()).add(cue.weight());
          signals.add(new Signal(Signal.Kind.WORD, written, cue.label(), cue.weight()));
        }
        matched = length;
        break;
      }
      i += Math.max(1, matched);
    }
    return calm;
  }

  /** Latin entries (sb, tmd) must not be part of a longer Latin word (usb). */
  private static boolean atWordBoundary(String text, int start, int end) {
    return !(isLatin(text.charAt(start)) && start > 0 && isLatin(text.charAt(start - 1)))
        && !(isLatin(text.charAt(end - 1)) && end < text.length() && isLatin(text.charAt(end)));
  }

  private static boolean isLatin(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /**
   * Whether a negator stands just before the word, in the same clause. Questions of the form A不A
   * (会不会, 是不是) negate nothing, nor does 不会 before a worry (不会被盗了吧 is a worry).
   */
  private static boolean negated(String text, int start, Label label) {
    int reach = start > 0 && BRIDGING.indexOf(text.charAt(start - 1)) >= 0 ? 3 : 2;
    for (int j = start - 1; j >= Math.max(0, start - reach); j--) {
      char c = text.charAt(j);
      if (isClauseBreak(c)) {
        return false;
      }
      if (NEGATORS.indexOf(c) < 0) {
        continue;
      }
      char next = j + 1 < text.length() ? text.charAt(j + 1) : 0;
      boolean question = j > 0 && text.charAt(j - 1) == next;
      boolean worry = label == Label.ANXIOUS && next == '会';
      if (NOT_NEGATING.indexOf(next) < 0 && !question && !worry) {
        return true;
      }
    }
    return false;
  }

  private static boolean isClauseBreak(char c) {
    return ",.!?;:~ 、。，！？；：…".indexOf(c) >= 0;
  }

  private static void emoji(
      String message, List<Signal> signals, Map<Label, List<Double>> weights) {
    for (String emoji : ChineseNormalizer.emoji(message)) {
      Cue cue =
          EMOJI.get(
              emoji
                  .codePoints()
                  .limit(1)
                  .collect(
                      StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                  .toString());
      if (cue != null) {
        signals.add(new Signal(Signal.Kind.EMOJI, emoji, cue.label(), cue.weight()));
        if (cue.label() != Label.CALM) {
          weights.computeIfAbsent(cue.label(), l -> new ArrayList<>()).add(cue.weight());
        }
      }
    }
  }

  /**
   * Runs of two or more {@code !} or {@code ?} strengthen the leading emotion; a run of question
   * marks with nothing else to go on (？？？) reads as impatience.
   */
  private static void punctuation(
      String text,
      String original,
      List<Signal> signals,
      Map<Label, Double> scores,
      boolean calmed) {
    int longestRun = 0;
    boolean questions = false;
    String run = "";
    for (int i = 0; i < text.length(); ) {
      int end = i;
      while (end < text.length() && (text.charAt(end) == '!' || text.charAt(end) == '?')) {
        end++;
      }
      if (end - i > longestRun) {
        longestRun = end - i;
        run = original.substring(i, end);
        questions = text.substring(i, end).indexOf('?') >= 0;
      }
      i = end == i ? i + 1 : end;
    }
    if (longestRun < 2) {
      return;
    }
    double bonus = Math.min(3, longestRun - 1);
    Label lead = null;
    for (Label label : List.of(Label.ANGRY, Label.DISSATISFIED, Label.ANXIOUS)) {
      if (scores.get(label) > 0 && (lead == null || scores.get(label) > scores.get(lead))) {
        lead = label;
      }
    }
    if (lead == null) {
      if (calmed || !questions) {
        return;
      }
      lead = Label.DISSATISFIED;
      bonus += 2;
    }
    if (lead == Label.DISSATISFIED && !questions && scores.get(lead) >= 4) {
      // Strong displeasure, shouted, is anger: 垃圾！！！
      lead = Label.ANGRY;
      scores.put(lead, Math.max(scores.get(lead), scores.get(Label.DISSATISFIED)));
    }
    signals.add(new Signal(Signal.Kind.PUNCTUATION, run, lead, bonus));
    scores.merge(lead, bonus, Double::sum);
  }

  private static void repetition(
      String text,
      Collection<String> earlier,
      List<Signal> signals,
      Map<Label, List<Double>> weights) {
    // A clause said twice in one message: 到了吗？到了吗？
    String twice = saidTwice(text);
    if (twice != null) {
      signals.add(new Signal(Signal.Kind.REPETITION, twice, Label.ANXIOUS, 2.5));
      weights.computeIfAbsent(Label.ANXIOUS, l -> new ArrayList<>()).add(2.5);
      return;
    }
    List<String> clauses = new ArrayList<>();
    search:
    for (String clause : clauses(text)) {
      String core = stripParticles(clause);
      if (core.length() >= 2) {
        for (String before : clauses) {
          if (before.contains(core) || (core.length() >= 3 && core.contains(before))) {
            signals.add(new Signal(Signal.Kind.REPETITION, clause, Label.ANXIOUS, 2.5));
            weights.computeIfAbsent(Label.ANXIOUS, l -> new ArrayList<>()).add(2.5);
            break search;
          }
        }
        clauses.add(core);
      }
    }
    if (earlier.isEmpty()) {
      return;
    }
    String now = ChineseNormalizer.normalize(text);
    Grams grams = Grams.of(now);
    int repeats = 0;
    for (String before : earlier) {
      if (now.length() >= 2 && grams.dice(Grams.of(ChineseNormalizer.normalize(before))) >= 0.8) {
        repeats++;
      }
    }
    if (repeats > 0) {
      double weight = Math.min(6, 3.5 * repeats);
      signals.add(
          new Signal(Signal.Kind.REPETITION, "与之前的消息重复 " + repeats + " 次", Label.ANXIOUS, weight));
      weights.computeIfAbsent(Label.ANXIOUS, l -> new ArrayList<>()).add(weight);
      if (repeats >= 2) {
        signals.add(new Signal(Signal.Kind.REPETITION, "反复询问", Label.DISSATISFIED, 3));
        weights.computeIfAbsent(Label.DISSATISFIED, l -> new ArrayList<>()).add(3.0);
      }
    }
  }

  /**
   * The same one to three Chinese characters and a question particle twice in a row, maybe with
   * punctuation between (在吗在吗, 到了吗？到了吗), as written; null if there is none. The first such run, its
   * clause as long as possible: what {@code (\\p{IsHan}{1,3}[吗呢啊没])[?,.!~ ]*\\1} finds, scanned by
   * hand because most messages have a particle and every message is read.
   */
  public static String saidTwice(String text) {
    int n = text.length();
    for (int start = 0; start < n; start++) {
      for (int length = 3; length >= 1; length--) {
        int particle = start + length;
        if (particle >= n || !isParticle(text.charAt(particle)) || !allHan(text, start, particle)) {
          continue;
        }
        int end = particle + 1;
        int again = end;
        while (again < n && "?,.!~ ".indexOf(text.charAt(again)) >= 0) {
          again++;
        }
        if (text.startsWith(text.substring(start, end), again)) {
          return text.substring(start, again + end - start);
        }
      }
    }
    return null;
  }

  private static boolean isParticle(char c) {
    return c == '吗' || c == '呢' || c == '啊' || c == '没';
  }

  private static boolean allHan(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.UnicodeScript.of(text.charAt(i)) != Character.UnicodeScript.HAN) {
        return false;
      }
    }
    return true;
  }

  /** Clause breaks for {@link #clauses}. */
  private static final String CLAUSE_BREAKS = ",.!?;:~ 、。，！？；：…";

  /** The text's clauses between breaks, none empty. */
  private static List<String> clauses(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || CLAUSE_BREAKS.indexOf(text.charAt(i)) >= 0) {
        if (i > start) {
          out.add(text.substring(start, i));
        }
        start = i + 1;
      }
    }
    return out;
  }

  private static String stripParticles(String clause) {
    int end = clause.length();
    while (end > 0 && "吗呢吧啊呀嘛哦了".indexOf(clause.charAt(end - 1)) >= 0) {
      end--;
    }
    return clause.substring(0, end);
  }

  /** Counted time and counted repeats, which a lexicon cannot list: 都三天了, 一个多星期了, 说了三遍, 问了好几次. */
  private static void counts(
      String text, String original, List<Signal> signals, Map<Label, List<Double>> weights) {
    // Each pattern runs only if the characters it cannot match without are there: most messages
    // skip the regular expressions altogether.
    boolean le = text.indexOf('了') >= 0;
    Matcher waitedFor = le && hasAny(text, "天周期拜月") ? WAITED.matcher(text) : null;
    if (waitedFor != null && waitedFor.find()) {
      String written = original.substring(waitedFor.start(), waitedFor.end());
      signals.add(new Signal(Signal.Kind.WORD, written, Label.DISSATISFIED, 3));
      weights.computeIfAbsent(Label.DISSATISFIED, l -> new ArrayList<>()).add(3.0);
    }
    Matcher getLost = text.indexOf('滚') >= 0 ? GET_LOST.matcher(text) : null;
    if (getLost != null && getLost.find()) {
      signals.add(
          new Signal(
              Signal.Kind.WORD,
              original.substring(getLost.start(), getLost.end()),
              Label.ANGRY,
              7));
      weights.computeIfAbsent(Label.ANGRY, l -> new ArrayList<>()).add(7.0);
    }
    Matcher repeated = le && hasAny(text, "遍次回") ? REPEATED.matcher(text) : null;
    if (repeated != null && repeated.find()) {
      String written = original.substring(repeated.start(), repeated.end());
      signals.add(new Signal(Signal.Kind.WORD, written, Label.DISSATISFIED, 4));
      weights.computeIfAbsent(Label.DISSATISFIED, l -> new ArrayList<>()).add(4.0);
    }
  }

  private static boolean hasAny(String text, String chars) {
    for (int i = 0; i < chars.length(); i++) {
      if (text.indexOf(chars.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** A number, never given back once read (what may follow one is none of its characters). */
  private static final String NUMBER = "[0-9一二两三四五六七八九十百千万几半好多]++";

  /** Tried from a number's first character only: from every one, a long run took quadratic time. */
  private static final Pattern WAITED =
      Pattern.compile("(?<![0-9一二两三四五六七八九十百千万几半好多])" + NUMBER + "多?(天|周|个?星期|个?礼拜|个多?月)了");

  private static final Pattern REPEATED =
      Pattern.compile("((说|问|发|打|讲|联系|催)了" + NUMBER + "(遍|次|回))|(第" + NUMBER + "(次|遍|回)了)");

  /** 滚 as a word of its own, not 滚筒 or 滚动. */
  private static final Pattern GET_LOST = Pattern.compile("滚(?=[!.,?~ 。，！？]|$)");

  private static void waiting(
      Duration waited, List<Signal> signals, Map<Label, List<Double>> weights) {
    long minutes = waited.toMinutes();
    if (minutes < 10) {
      return;
    }
    double weight = minutes >= 24 * 60 ? 4 : minutes >= 60 ? 3 : 2;
    signals.add(new Signal(Signal.Kind.WAITING, "已等待 " + describe(waited), Label.ANXIOUS, weight));
    weights.computeIfAbsent(Label.ANXIOUS, l -> new ArrayList<>()).add(weight);
    if (minutes >= 24 * 60) {
      signals.add(new Signal(Signal.Kind.WAITING, "等待超过一天", Label.DISSATISFIED, 3));
      weights.computeIfAbsent(Label.DISSATISFIED, l -> new ArrayList<>()).add(3.0);
    }
  }

  private static String describe(Duration d) {
    if (d.toDays() > 0) {
      return d.toDays() + " 天";
    }
    return d.toHours() > 0 ? d.toHours() + " 小时" : d.toMinutes() + " 分钟";
  }

  private static Map<String, Cue> emojiCues() {
    Map<String, Cue> cues = new HashMap<>();
    for (String e : List.of("😡", "🤬", "😠", "👿", "💢")) {
      cues.put(e, new Cue(Label.ANGRY, 4));
    }
    cues.put("😤", new Cue(Label.ANGRY, 3));
    for (String e : List.of("🙄", "😒", "😑", "😞", "😔", "👎", "😓", "🤡", "💩")) {
      cues.put(e, new Cue(Label.DISSATISFIED, 3));
    }
    for (String e : List.of("😭", "😢", "😰", "😱", "😟", "😥", "🥺", "😣", "😖", "😫", "🙏")) {
      cues.put(e, new Cue(Label.ANXIOUS, 3));
    }
    for (String e : List.of("😊", "😄", "😁", "🙂", "😀", "👍", "❤", "🥰", "😘", "🌹", "💕")) {
      cues.put(e, new Cue(Label.CALM, 2));
    }
    return Map.copyOf(cues);
  }

  private static Map<String, Cue> readLexicon() {
    Map<String, Cue> lexicon = new HashMap<>();
    for (Tsv.Row row : Tsv.resource(Lexicon.class, LEXICON, 3, "phrase<TAB>label<TAB>weight")) {
      String phrase = ChineseNormalizer.fold(row.field(0));
      if (lexicon.put(
              phrase, new Cue(Label.valueOf(row.field(1)), Double.parseDouble(row.field(2))))
          != null) {
        throw new IllegalStateException(LEXICON + ": '" + phrase + "' twice");
      }
    }
    return lexicon;
  }
}
