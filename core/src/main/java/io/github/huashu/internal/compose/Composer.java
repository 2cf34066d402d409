package io.github.huashu.internal.compose;

import io.github.huashu.Bundle;
import io.github.huashu.Emotion;
import io.github.huashu.Intent;
import io.github.huashu.Reply;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Composes the reply to send from an intent's bundle, shaped by the shopper's emotion: upset
 * shoppers get 共情 → 道歉 → 解决 (with the bundle's options) → 跟进, others 缓冲 → 解释 → 方案 (the intent's own
 * buffer, or one of the style's; a reply written as one plain string is sent as written). Phrasings
 * are chosen from the style's pools by a hash of the seed (the conversation), so one conversation
 * always reads the same and different conversations vary. Not API. Stateless.
 */
public final class Composer {

  /** The reply when nothing can be answered with confidence: a hand-over, with a ticket. */
  public static final String FALLBACK_REPLY = "抱歉，这个问题我需要请人工客服来为您处理，已为您转接，并会创建服务工单跟进，请稍候。";

  private static final int MAX_OPTIONS = 3;

  /**
   * A reply with the placeholders that are still in it.
   *
   * @param text the text to send
   * @param unfilled placeholder names no fact was given for, in order of appearance
   */
  public record Composed(String text, List<String> unfilled) {
    public Composed {
      unfilled = List.copyOf(unfilled);
    }
  }

  private Composer() {}

  /** The reply answering with an intent. */
  public static Composed answer(
      Intent intent, Emotion emotion, Style style, String seed, Map<String, String> facts) {
    Bundle bundle = intent.bundle();
    Reply reply = bundle.reply();
    List<String> parts = new ArrayList<>();
    if (emotion.isUpset()) {
      parts.add(pick(style.empathy(), seed, "empathy"));
      parts.add(pick(style.apology(), seed, "apology"));
      if (bundle.mustMention().stream().anyMatch(reply.buffer()::contains)) {
        parts.add(reply.buffer()); // it states a condition the reply must not lose
      }
      parts.add(reply.explanation());
      parts.add(reply.solution());
      if (!offersChoices(reply.explanation() + reply.solution())) {
        parts.add(options(bundle.options()));
      }
      parts.add(
          bundle.followUp().isEmpty() ? pick(style.followUp(), seed, "follow") : bundle.followUp());
    } else {
      // An intent's own buffer often carries content (请先停止使用); the style's vary the others.
      // A reply written as one plain string is sent as written: it has its own opening.
      boolean plain = reply.buffer().isEmpty() && reply.explanation().isEmpty();
      String buffer =
          reply.buffer().isEmpty() ? pick(style.buffer(), seed, "buffer") : reply.buffer();
      parts.add(plain ? "" : buffer);
      parts.add(reply.explanation());
      parts.add(reply.solution());
      parts.add(bundle.followUp());
    }
    return fill(join(parts), facts);
  }

  /** The answer to a further question of the same message: "另外，关于「发票开具」：…". */
  public static Composed aside(Intent intent, Map<String, String> facts) {
    Reply reply = intent.bundle().reply();
    String body = join(List.of(reply.explanation(), reply.solution()));
    if (body.isEmpty()) {
      return new Composed("", List.of());
    }
    return fill("另外，关于「" + intent.name() + "」：" + body, facts);
  }

  /** A clarifying question or a hand-over, preceded by empathy when the shopper is upset. */
  public static Composed other(
      String text, Emotion emotion, Style style, String seed, Map<String, String> facts) {
    if (!emotion.isUpset()) {
      return fill(text, facts);
    }
    return fill(join(List.of(pick(style.empathy(), seed, "empathy"), text)), facts);
  }

  /** Whether the reply already offers the shopper choices in its own words (您可以选：一、…). */
  private static boolean offersChoices(String text) {
    for (String choice : CHOICES) {
      if (text.contains(choice)) {
        return true;
      }
    }
    return false;
  }

  /** Literal searches rather than one regular expression: every reply is checked. */
  private static final List<String> CHOICES = List.of("可以选", "选择：", "选择:", "①", "一、", "哪种", "哪一种");

  private static String options(List<String> options) {
    if (options.isEmpty()) {
      return "";
    }
    if (options.size() == 1) {
      return "您也可以" + options.get(0) + "。";
    }
    StringBuilder out = new StringBuilder("您可以选择：");
    int n = Math.min(MAX_OPTIONS, options.size());
    for (int i = 0; i < n; i++) {
      out.append(i + 1).append('.').append(strip(options.get(i))).append(i == n - 1 ? "。" : "；");
    }
    return out.toString();
  }

  private static String strip(String text) {
    return text.replaceAll("[。；;.]+$", "");
  }

  private static String join(List<String> parts) {
    StringBuilder out = new StringBuilder();
    for (String part : parts) {
      if (part == null || part.isBlank()) {
        continue;
      }
      out.append(part.strip());
      char last = out.charAt(out.length() - 1);
      if ("。！？!?，,；;…~）)」”".indexOf(last) < 0) {
        out.append('。');
      }
    }
    return out.toString();
  }

  /** The same pool and seed always give the same phrasing. */
  static String pick(List<String> pool, String seed, String slot) {
    if (pool.isEmpty()) {
      return "";
    }
    int hash = (seed + '\u0000' + slot).hashCode();
    return pool.get(Math.floorMod(hash ^ (hash >>> 16), pool.size()));
  }

  /** Longest placeholder name. */
  private static final int MAX_NAME = 30;

  /**
   * Fills {@code {name}} placeholders (1 to 30 characters, no braces or whitespace) from the facts;
   * lists those left, never drops them. A hand-written scan: every reply passes through here, and
   * the regular expression it replaces was a tenth of the time of a whole suggestion.
   */
  public static Composed fill(String text, Map<String, String> facts) {
    int open = text.indexOf('{');
    if (open < 0) {
      return new Composed(text, List.of());
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    Set<String> unfilled = new LinkedHashSet<>();
    int copied = 0;
    while (open >= 0) {
      int close = open + 1;
      while (close < text.length()
          && close - open - 1 <= MAX_NAME
          && isNameChar(text.charAt(close))) {
        close++;
      }
      int length = close - open - 1;
      if (close < text.length() && text.charAt(close) == '}' && length >= 1 && length <= MAX_NAME) {
        String name = text.substring(open + 1, close);
        String value = facts.get(name);
        out.append(text, copied, open);
        if (value == null || value.isBlank()) {
          unfilled.add(name);
          out.append(text, open, close + 1);
        } else {
          out.append(value.strip());
        }
        copied = close + 1;
        open = text.indexOf('{', copied);
      } else {
        open = text.indexOf('{', open + 1);
      }
    }
    out.append(text, copied, text.length());
    return new Composed(out.toString(), new ArrayList<>(unfilled));
  }

  /** Not a brace, and not whitespace as {@code \\s} means it. */
  private static boolean isNameChar(char c) {
    return c != '{'
        && c != '}'
        && c != ' '
        && c != '\t'
        && c != '\n'
        && c != '\u000B'
        && c != '\f'
        && c != '\r';
  }
}
