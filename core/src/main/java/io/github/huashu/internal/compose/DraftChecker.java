package io.github.huashu.internal.compose;

import io.github.huashu.Emotion;
import io.github.huashu.Finding;
import io.github.huashu.Intent;
import io.github.huashu.analyzers.ChineseNormalizer;
import io.github.huashu.analyzers.TypedText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an agent's draft reply against the style and the intent: negative phrases, jargon, vague
 * times, missing must-mention conditions, and no empathy for an upset shopper. Matching is on the
 * folded draft (Traditional, full-width and upper case read the same) without what cannot be seen
 * ({@link TypedText}: zero-width spaces, joiners, control characters); spans index the draft as
 * written, and the words quoted in messages are as written without the invisible characters. Not
 * API. Stateless.
 */
public final class DraftChecker {

  /** A time the shopper can hold us to: 24小时内, 3个工作日, 明天下午, 今晚8点, 12月5日. */
  private static final Pattern CONCRETE_TIME =
      Pattern.compile(
          // A number is tried from its first digit only, and never given back (++): a long run of
          // digits without a unit after it was tried from every digit, in time quadratic in it.
          "(?<![0-9一二两三四五六七八九十半几])[0-9一二两三四五六七八九十半几]++\\s*+(分钟|小时|个?工作日|天|日|号|点|周|个?星期|个月)"
              + "|今天|今日|今晚|明天|明早|后天|本周|下周|周[一二三四五六日末]|星期[一二三四五六日天]|上午|下午|晚上|中午");

  private static final Pattern SENTENCE = Pattern.compile("[^。！？!?；;\\n]+[。！？!?；;\\n]*");

  private DraftChecker() {}

  /**
   * The findings of a draft, in order of position.
   *
   * @param intent the intent the draft answers, or null
   * @param emotion the shopper's emotion
   */
  public static List<Finding> check(String draft, Intent intent, Emotion emotion, Style style) {
    // What cannot be seen is not read (很, a zero-width space, 快 is 很快); spans found in the cleaned
    // draft are mapped back into the draft as written.
    TypedText typed = TypedText.of(draft);
    String cleaned = typed.cleaned();
    String text = ChineseNormalizer.fold(cleaned);
    List<Finding> found = new ArrayList<>();
    negativePhrases(text, style, found);
    jargon(text, cleaned, style, found);
    vagueTime(text, cleaned, style, found);
    if (emotion.isUpset() && !hasEmpathy(text, style)) {
      int end = firstSentenceEnd(cleaned);
      found.add(
          new Finding(
              Finding.Rule.NO_EMPATHY,
              0,
              end,
              "顾客" + (emotion.label() == Emotion.Label.ANGRY ? "很生气" : "不满意") + "，回复没有先回应顾客的感受",
              "先共情再道歉，例如「"
                  + (style.empathy().isEmpty() ? "非常理解您的心情" : style.empathy().get(0))
                  + "」"));
    }
    List<Finding> findings = new ArrayList<>();
    for (Finding f : found) {
      findings.add(typed.unchanged() ? f : inTyped(f, typed));
    }
    if (intent != null) {
      for (String condition : intent.bundle().mustMention()) {
        if (!text.contains(ChineseNormalizer.fold(condition))) {
          findings.add(
              new Finding(
                  Finding.Rule.MISSING_CONDITION,
                  draft.length(),
                  draft.length(),
                  "回复「" + intent.name() + "」必须说明「" + condition + "」，否则顾客可能误解规则",
                  "补充说明「" + condition + "」的条件"));
        }
      }
    }
    findings.sort(Comparator.comparingInt(Finding::start).thenComparing(Finding::rule));
    return findings;
  }

  /** A finding on the cleaned draft with its span in the draft as written. */
  private static Finding inTyped(Finding f, TypedText typed) {
    int start = typed.typedStart(f.start());
    int end = f.end() == f.start() ? start : typed.typedEnd(f.end());
    return new Finding(f.rule(), start, end, f.message(), f.suggestion());
  }

  private static void negativePhrases(String text, Style style, List<Finding> findings) {
    boolean[] taken = new boolean[text.length()];
    // Longer phrases first, so 物流不归我们管 is one finding, not also 不归我们管.
    List<Map.Entry<String, String>> phrases = new ArrayList<>(style.negativePhrases().entrySet());
    phrases.sort(
        Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
    for (Map.Entry<String, String> phrase : phrases) {
      String folded = ChineseNormalizer.fold(phrase.getKey());
      for (int at = text.indexOf(folded);
          at >= 0 && !folded.isEmpty();
          at = text.indexOf(folded, at + 1)) {
        if (taken[at]) {
          continue;
        }
        java.util.Arrays.fill(taken, at, at + folded.length(), true);
        findings.add(
            new Finding(
                Finding.Rule.NEGATIVE_PHRASE,
                at,
                at + folded.length(),
                "「" + phrase.getKey() + "」是负面话术，容易激化顾客情绪",
                phrase.getValue().isEmpty() ? "" : "改为「" + phrase.getValue() + "」"));
      }
    }
  }

  private static void jargon(String text, String draft, Style style, List<Finding> findings) {
    for (Map.Entry<String, String> term : style.jargon().entrySet()) {
      String folded = ChineseNormalizer.fold(term.getKey());
      for (int at = text.indexOf(folded);
          at >= 0 && !folded.isEmpty();
          at = text.indexOf(folded, at + 1)) {
        int end = at + folded.length();
        if (isLatin(folded.charAt(0)) && at > 0 && isLatin(text.charAt(at - 1))
            || isLatin(folded.charAt(folded.length() - 1))
                && end < text.length()
                && isLatin(text.charAt(end))) {
          continue;
        }
        findings.add(
            new Finding(
                Finding.Rule.JARGON,
                at,
                end,
                "「" + draft.substring(at, end) + "」是内部术语，顾客可能看不懂",
                term.getValue().isEmpty() ? "" : "改为「" + term.getValue() + "」"));
      }
    }
  }

  private static void vagueTime(String text, String draft, Style style, List<Finding> findings) {
    Matcher sentence = SENTENCE.matcher(text);
    while (sentence.find()) {
      String s = sentence.group();
      if (CONCRETE_TIME.matcher(s).find()) {
        continue;
      }
      for (String vague : style.vagueTime()) {
        String folded = ChineseNormalizer.fold(vague);
        int at = s.indexOf(folded);
        if (at >= 0 && !folded.isEmpty()) {
          int start = sentence.start() + at;
          findings.add(
              new Finding(
                  Finding.Rule.VAGUE_TIME,
                  start,
                  start + folded.length(),
                  "「" + draft.substring(start, start + folded.length()) + "」没有给出具体时间，顾客无从等待",
                  "给出具体时间，例如「24小时内」「今天18点前」"));
        }
      }
    }
  }

  private static boolean hasEmpathy(String text, Style style) {
    for (String marker : style.empathyMarkers()) {
      if (text.contains(ChineseNormalizer.fold(marker))) {
        return true;
      }
    }
    for (String phrase : style.empathy()) {
      if (text.contains(ChineseNormalizer.fold(phrase))) {
        return true;
      }
    }
    return false;
  }

  private static int firstSentenceEnd(String draft) {
    Matcher m = SENTENCE.matcher(draft);
    return m.find() ? m.end() : draft.length();
  }

  private static boolean isLatin(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }
}
