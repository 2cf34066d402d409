package io.github.huashu.internal.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a message that asks. Shoppers wrap their request in greetings and acknowledgements
 * ("你好，…", "好的，那你帮我换开吧", "…，谢谢"): where something else is said, these clauses carry nothing about
 * the matter and only pull the message towards 问候 or 感谢与结束. A message that is nothing but such
 * clauses ("好的，谢谢") is kept whole: then they are the matter. Stateless.
 */
public final class AskingPart {

  /** Clause separators of normalised text (full-width punctuation is folded, 。 and 、 are not). */
  private static final Pattern CLAUSE = Pattern.compile("[^,，。.!！?？;；~～、\\s]+[,，。.!！?？;；~～、\\s]*");

  /** The characters {@link #CLAUSE} separates clauses at. */
  private static final String SEPARATORS = ",，。.!！?？;；~～、 \t\n\r\f\u000B";

  /** A clause that is only a greeting, an acknowledgement or thanks. */
  private static final Pattern SOCIAL =
      Pattern.compile(
          "(?:(?:亲+|亲爱的|(?:你|您)好(?:呀|啊)?|hi|hello|哈喽|在吗|在不在|有人吗|客服|"
              + "好的?|好吧|好滴|嗯+|恩+|哦+|噢+|喔+|额|呃|是的|对的?|可以|行|ok|okay|收到|知道了|明白了?|"
              + "谢谢(?:你|您)?(?:了|啦|哈)?|多谢|麻烦(?:你|您)?了|辛苦(?:你|您)?了)"
              + "(?:啊|呀|哈|哦|喔|的|了|呢|啦)*)+");

  private AskingPart() {}

  /**
   * The normalised message without its leading and trailing social clauses, if anything is left.
   * Linear in the message: its clauses are found once, and only short ones are tried as social.
   */
  public static String of(String normalized) {
    if (!hasSeparator(normalized)) {
      return normalized; // one clause, as most questions are
    }
    // The clauses, each its text and the separators after it, in order.
    List<int[]> clauses = new ArrayList<>();
    Matcher clause = CLAUSE.matcher(normalized);
    while (clause.find()) {
      clauses.add(new int[] {clause.start(), clause.end()});
    }
    int start = 0;
    int end = normalized.length();
    int first = 0;
    // Leading social clauses (never the last clause).
    while (first < clauses.size()
        && clauses.get(first)[0] == start
        && clauses.get(first)[1] < end
        && isSocial(normalized.substring(start, clauses.get(first)[1]))) {
      start = clauses.get(first)[1];
      first++;
    }
    if (first == clauses.size() || start >= end) {
      return normalized;
    }
    // Trailing social clauses (never one that starts where the rest starts).
    for (int last = clauses.size() - 1;
        last >= first
            && clauses.get(last)[0] > start
            && isSocial(normalized.substring(clauses.get(last)[0], end));
        last--) {
      end = clauses.get(last)[0];
    }
    if (start == 0 && end == normalized.length()) {
      return normalized;
    }
    String rest = normalized.substring(start, end).strip();
    return isSocial(rest) ? normalized : rest;
  }

  private static boolean hasSeparator(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (SEPARATORS.indexOf(text.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Social clauses are short; a longer one is not tried, since {@link #SOCIAL}'s nested repetitions
   * (哦+ inside the group's +) take time that grows with the cube of the length: a shopper's 1,000 哦
   * took seconds.
   */
  static final int MAX_SOCIAL = 24;

  private static boolean isSocial(String clause) {
    int end = clause.length();
    while (end > 0 && SEPARATORS.indexOf(clause.charAt(end - 1)) >= 0) {
      end--;
    }
    return end > 0 && end <= MAX_SOCIAL && SOCIAL.matcher(clause.substring(0, end)).matches();
  }
}
