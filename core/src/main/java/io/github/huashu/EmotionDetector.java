package io.github.huashu;

import io.github.huashu.Emotion.Label;
import io.github.huashu.Emotion.Signal;
import io.github.huashu.analyzers.ChineseNormalizer;
import io.github.huashu.internal.match.Grams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the shopper's emotion from a message: {@link Label#CALM}, {@link Label#DISSATISFIED} (不满),
 * {@link Label#ANXIOUS} (焦虑) or {@link Label#ANGRY} (愤怒), with an intensity from 1 to 10 and the
 * signals that fired.
 *
 * <p>A lexicon of several hundred words and phrases (怎么这么慢, 会不会丢, 我要投诉, 12315, insults,
 * and calming ones such as 不着急, 慢慢来, 谢谢) is matched longest first on the folded text, so
 * Traditional and full-width input read the same. A word preceded by a negation in the same clause
 * (不是催你, 没那么着急) does not count; calming words count only when no 但/可是/不过 follows them.
 * Runs of {@code ！} and {@code ？}, emoji (😡, 😭, 🙄), a clause repeated within the message, messages
 * near-identical to the shopper's earlier ones, and how long the shopper has waited add to the
 * score. {@link #lexiconOnly()} decides on that alone: the emotion with the highest score, if it
 * reaches the threshold. {@link #standard()} passes the reading and the message's character grams to
 * a logistic regression trained on 1,200 labelled messages bundled with the library (on first use),
 * which catches feelings put without any known word; repetition and waiting are added to its
 * probabilities. The intensity is the lexicon's score for the label, rounded and capped at 10, or
 * from the model's confidence when no word fired.
 *
 * <p>Immutable and thread-safe; {@link #standard()} is shared.
 */
public final class EmotionDetector {

  private static final String LEXICON = "emotion-lexicon.tsv";
  private static final double THRESHOLD = 2.5;
  private static final String NEGATORS = "不没别无非未";
  /** After a negator, these make no negation: 不过, 不然, 不但, 不仅, 不停, 不断, 不知, 不管. */
  private static final String NOT_NEGATING = "过然但仅停断知管";
  /** Between a negator and the word: 不是很急, 没那么生气, 不用催. */
  private static final String BRIDGING = "很太是那么用要会想再得怎多";
  private static final List<String> CONTRASTS = List.of("但是", "但", "可是", "不过", "然而");
  private static final Map<String, Cue> EMOJI = emojiCues();

  /** Built on first use, after this class's own constants. */
  private static final class Standard {
    static final EmotionDetector LEXICON_ONLY = new EmotionDetector(readLexicon(), null);
    static final EmotionDetector WITH_MODEL =
        new EmotionDetector(
            LEXICON_ONLY.lexicon,
            EmotionModel.train(
                LEXICON_ONLY,
                List.of("emotion-train-a.tsv", "emotion-train-b.tsv", "emotion-train-c.tsv")));
  }

  /** A lexicon entry: the emotion it points to and its weight in intensity points. */
  private record Cue(Label label, double weight) {}

  private final Map<String, Cue> lexicon;
  /** Per first character, the length of the longest phrase starting with it (0: none). */
  private final byte[] longestFrom = new byte[Character.MAX_VALUE + 1];
  /** The classifier over the lexicon's reading and character grams, or null for lexicon only. */
  private final EmotionModel model;

  /**
   * The model's probability a feeling needs when no word of the lexicon signals it. Chosen on the
   * development set (accuracy 0.907 without it, 0.915 with 0.35, 0.923 with 0.4); on the held-out
   * set 0.35 costs one message of 200 (84.0% to 83.5%), 0.4 three.
   */
  static final double MODEL_ALONE = 0.35;

  private EmotionDetector(Map<String, Cue> lexicon, EmotionModel model) {
    this.lexicon = Map.copyOf(lexicon);
    this.model = model;
    for (String phrase : lexicon.keySet()) {
      int first = phrase.charAt(0);
      longestFrom[first] = (byte) Math.max(longestFrom[first], Math.min(phrase.length(), 127));
    }
  }

  /** The detector with the built-in lexicon and classifier. */
  public static EmotionDetector standard() {
    return Standard.WITH_MODEL;
  }

  /** The built-in lexicon alone, without the classifier: every decision traceable to its words. */
  public static EmotionDetector lexiconOnly() {
    return Standard.LEXICON_ONLY;
  }

  /** Reads the emotion of one message on its own. */
  public Emotion detect(String message) {
    return detect(message, List.of(), Duration.ZERO);
  }

  /**
   * Reads the emotion of a message in its conversation.
   *
   * @param message what the shopper wrote now
   * @param earlier the shopper's earlier messages in this conversation, oldest first; a message
   *     near-identical to one of them raises anxiety
   * @param waited how long the shopper has been waiting for an answer or a delivery ({@link
   *     Duration#ZERO} if unknown); ten minutes start to count
   */
  public Emotion detect(String message, Collection<String> earlier, Duration waited) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(earlier, "earlier");
    Objects.requireNonNull(waited, "waited");
    Reading reading = read(message, earlier, waited);
    if (model == null) {
      return reading.byLexicon();
    }
    // The model was trained on single messages: it reads the message alone, and what the context
    // adds (repetition across messages, waiting) moves its probabilities by the lexicon's weights.
    boolean context = !earlier.isEmpty() || !waited.isZero();
    Reading alone = context ? read(message, List.of(), Duration.ZERO) : reading;
    double[] p = model.probabilities(alone);
    if (context) {
      for (Label label : List.of(Label.ANGRY, Label.DISSATISFIED, Label.ANXIOUS)) {
        double added = reading.scores().get(label) - alone.scores().get(label);
        p[label.ordinal()] += Math.max(0, added) / 5;
      }
    }
    Label best = Label.CALM;
    for (Label label : Label.values()) {
      if (p[label.ordinal()] > p[best.ordinal()]) {
        best = label;
      }
    }
    List<Signal> signals = new ArrayList<>(reading.signals());
    signals.add(
        new Signal("model", String.format(java.util.Locale.ROOT, "%.2f", p[best.ordinal()]), best,
            p[best.ordinal()]));
    double lexicon = reading.intensity(best);
    // Without a word of the lexicon behind it, a weak reading of the model is no feeling to answer
    // with an apology ("那运费谁出？" read as 不满 at 0.32).
    if (best == Label.CALM || (lexicon == 0 && p[best.ordinal()] < MODEL_ALONE)) {
      return new Emotion(Label.CALM, 0, signals);
    }
    // The lexicon's score says how strong; the model's confidence stands in when no word fired.
    double intensity = lexicon > 0 ? lexicon : 2 + 4 * p[best.ordinal()];
    return new Emotion(best, (int) Math.round(Math.min(10, Math.max(1, intensity))), signals);
  }

  /** What the lexicon, punctuation, emoji, repetition and waiting say about a message. */
  record Reading(String folded, Map<Label, Double> scores, double calm, List<Signal> signals) {

    /** The lexicon's own decision: the highest score, if it reaches the threshold. */
    Emotion byLexicon() {
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
          : new Emotion(best, (int) Math.round(Math.min(10, Math.max(1, intensity(best)))), signals);
    }

    /** The label's score with a third of the others' added, or 0 if the label scored nothing. */
    double intensity(Label label) {
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

  Reading read(String message, Collection<String> earlier, Duration waited) {
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
      for (int length = Math.min(longestFrom[text.charAt(i)], text.length() - i); length > 0; length--) {
        Cue cue = lexicon.get(text.substring(i, i + length));
        if (cue == null || !atWordBoundary(text, i, i + length)) {
          continue;
        }
        String written = original.substring(i, i + length);
        if (negated(text, i, cue.label())) {
          signals.add(new Signal("word", written, Label.CALM, 0));
        } else if (cue.label() == Label.CALM) {
          double weight = i < contrast ? 0 : cue.weight();
          calm += weight;
          signals.add(new Signal("word", written, Label.CALM, weight));
        } else {
          weights.computeIfAbsent(cue.label(), l -> new ArrayList<>()).add(cue.weight());
          signals.add(new Signal("word", written, cue.label(), cue.weight()));
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

  private static void emoji(String message, List<Signal> signals, Map<Label, List<Double>> weights) {
    for (String emoji : ChineseNormalizer.emoji(message)) {
      Cue cue = EMOJI.get(emoji.codePoints().limit(1).collect(
          StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
      if (cue != null) {
        signals.add(new Signal("emoji", emoji, cue.label(), cue.weight()));
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
    signals.add(new Signal("punctuation", run, lead, bonus));
    scores.merge(lead, bonus, Double::sum);
  }

  private static void repetition(
      String text, Collection<String> earlier, List<Signal> signals, Map<Label, List<Double>> weights) {
    // A clause said twice in one message: 到了吗？到了吗？
    String twice = saidTwice(text);
    if (twice != null) {
      signals.add(new Signal("repetition", twice, Label.ANXIOUS, 2.5));
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
            signals.add(new Signal("repetition", clause, Label.ANXIOUS, 2.5));
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
          new Signal("repetition", "与之前的消息重复 " + repeats + " 次", Label.ANXIOUS, weight));
      weights.computeIfAbsent(Label.ANXIOUS, l -> new ArrayList<>()).add(weight);
      if (repeats >= 2) {
        signals.add(new Signal("repetition", "反复询问", Label.DISSATISFIED, 3));
        weights.computeIfAbsent(Label.DISSATISFIED, l -> new ArrayList<>()).add(3.0);
      }
    }
  }

  /**
   * The same one to three Chinese characters and a question particle twice in a row, maybe with
   * punctuation between (在吗在吗, 到了吗？到了吗), as written; null if there is none. The first such
   * run, its clause as long as possible: what {@code (\\p{IsHan}{1,3}[吗呢啊没])[?,.!~ ]*\\1} finds,
   * scanned by hand because most messages have a particle and every message is read.
   */
  static String saidTwice(String text) {
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

  /**
   * Counted time and counted repeats, which a lexicon cannot list: 都三天了, 一个多星期了, 说了三遍,
   * 问了好几次.
   */
  private static void counts(
      String text, String original, List<Signal> signals, Map<Label, List<Double>> weights) {
    // Each pattern runs only if the characters it cannot match without are there: most messages
    // skip the regular expressions altogether.
    boolean le = text.indexOf('了') >= 0;
    Matcher waitedFor = le && hasAny(text, "天周期拜月") ? WAITED.matcher(text) : null;
    if (waitedFor != null && waitedFor.find()) {
      String written = original.substring(waitedFor.start(), waitedFor.end());
      signals.add(new Signal("word", written, Label.DISSATISFIED, 3));
      weights.computeIfAbsent(Label.DISSATISFIED, l -> new ArrayList<>()).add(3.0);
    }
    Matcher getLost = text.indexOf('滚') >= 0 ? GET_LOST.matcher(text) : null;
    if (getLost != null && getLost.find()) {
      signals.add(new Signal("word", original.substring(getLost.start(), getLost.end()), Label.ANGRY, 7));
      weights.computeIfAbsent(Label.ANGRY, l -> new ArrayList<>()).add(7.0);
    }
    Matcher repeated = le && hasAny(text, "遍次回") ? REPEATED.matcher(text) : null;
    if (repeated != null && repeated.find()) {
      String written = original.substring(repeated.start(), repeated.end());
      signals.add(new Signal("word", written, Label.DISSATISFIED, 4));
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

  private static final String NUMBER = "[0-9一二两三四五六七八九十百千万几半好多]+";
  private static final Pattern WAITED =
      Pattern.compile(NUMBER + "多?(天|周|个?星期|个?礼拜|个多?月)了");
  private static final Pattern REPEATED =
      Pattern.compile(
          "((说|问|发|打|讲|联系|催)了" + NUMBER + "(遍|次|回))|(第" + NUMBER + "(次|遍|回)了)");
  /** 滚 as a word of its own, not 滚筒 or 滚动. */
  private static final Pattern GET_LOST =
      Pattern.compile("滚(?=[!.,?~ 。，！？]|$)");

  private static void waiting(Duration waited, List<Signal> signals, Map<Label, List<Double>> weights) {
    long minutes = waited.toMinutes();
    if (minutes < 10) {
      return;
    }
    double weight = minutes >= 24 * 60 ? 4 : minutes >= 60 ? 3 : 2;
    signals.add(new Signal("waiting", "已等待 " + describe(waited), Label.ANXIOUS, weight));
    weights.computeIfAbsent(Label.ANXIOUS, l -> new ArrayList<>()).add(weight);
    if (minutes >= 24 * 60) {
      signals.add(new Signal("waiting", "等待超过一天", Label.DISSATISFIED, 3));
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
    for (String[] row : BundledTsv.read(LEXICON, 3, "phrase<TAB>label<TAB>weight")) {
      String phrase = ChineseNormalizer.fold(row[0]);
      if (lexicon.put(phrase, new Cue(Label.valueOf(row[1]), Double.parseDouble(row[2]))) != null) {
        throw new IllegalStateException(LEXICON + ": '" + phrase + "' twice");
      }
    }
    return lexicon;
  }
}
