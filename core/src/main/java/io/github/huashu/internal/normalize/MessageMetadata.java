package io.github.huashu.internal.normalize;

import io.github.huashu.internal.snapshot.SnapshotInput;
import io.github.huashu.internal.snapshot.SnapshotOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Platform and order metadata in a shopper's message, taken out before matching: the order cards
 * chat platforms insert (订单编号:…, 订单金额:…, 下单时间:…), links, channel tags (京东快递(移动端)), placeholders
 * such as [商品快照] or [图片], and long numbers. None of it says what the shopper wants, and an order
 * number matched as a word only adds noise; what it identifies is kept as a fact ({@code 订单号 →
 * 94516954774}) for the reply's placeholders.
 *
 * <p>A corpus may add patterns of its own (its {@code metadata} section); they run before the
 * built-in ones. Not API. Immutable and thread-safe.
 */
public final class MessageMetadata {

  private static final Logger LOG = LoggerFactory.getLogger(MessageMetadata.class);

  /**
   * One kind of metadata.
   *
   * @param pattern what it looks like; the whole match is taken out of the message
   * @param fact the fact its value is kept as, or empty to drop it; the value is the group named
   *     {@code value} if the pattern has one and it matched, else the whole match
   */
  public record Rule(Pattern pattern, String fact) {
    public Rule {
      Objects.requireNonNull(pattern, "pattern");
      Objects.requireNonNull(fact, "fact");
    }

    static Rule of(String regex, String fact) {
      return new Rule(Pattern.compile(regex), fact);
    }

    /** The fact's value in a match: the {@code value} group if the pattern has one, else all. */
    String value(Matcher m) {
      if (pattern.pattern().contains("(?<value>")) {
        String value = m.group("value");
        return value == null ? "" : value.strip();
      }
      return m.group().strip();
    }
  }

  /**
   * A message without its metadata.
   *
   * @param text the message with every piece of metadata replaced by a space
   * @param facts the values found, by fact name, the first of each name; in the order found
   */
  public record Stripped(String text, Map<String, String> facts) {
    public Stripped {
      Objects.requireNonNull(text, "text");
      facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }
  }

  private static final String DATE_TIME =
      "\\d{4}[-/.年]\\d{1,2}[-/.月]\\d{1,2}日?(?:\\s*\\d{1,2}[:：]\\d{2}(?:[:：]\\d{2})?)?";
  private static final String COLON = "\\s*[:：]\\s*";

  /** The built-in rules, in the order they are tried. */
  private static final List<Rule> BUILT_IN =
      List.of(
          Rule.of("(?i)(?:https?://|www\\.)[\\w\\-./?%&=#:~+@!,;]+", "链接"),
          // Order cards: label and value.
          Rule.of("(?:咨询)?订单(?:编号|号码|号)" + COLON + "(?<value>\\d+)", "订单号"),
          Rule.of("(?:咨询)?订单(?:编号|号码|号)\\s*(?<value>\\d{6,})", "订单号"),
          Rule.of("(?:订单|实付|应付)金额" + COLON + "(?<value>[￥¥]?\\s*\\d+(?:\\.\\d+)?)\\s*元?", "订单金额"),
          Rule.of("(?:下单|付款|支付|购买)时间" + COLON + "(?<value>" + DATE_TIME + ")?", "下单时间"),
          Rule.of("(?:商品编号|商品ID|商品id|SKU|sku)" + COLON + "(?<value>\\d+)", "商品编号"),
          // A tracking number keeps its label (运单号 says what the shopper asks about).
          Rule.of(
              "(?<=(?:运单|快递单|物流单)号?(?:码|是)?\\s{0,2}[:：]?\\s{0,2})(?<value>[A-Za-z]{0,4}\\d{8,})",
              "物流单号"),
          // Placeholders of chat platforms and of anonymised logs.
          Rule.of(
              "[\\[【](?:商品快照|商品链接|商品卡片|图片|表情|语音|视频|链接|文件|卡片|位置|订单|订单编号|订单号"
                  + "|日期|时间|数字|金额|地址|姓名|人名|电话|手机号|站点|组织机构|邮箱|身份证号|账号)[\\]】]",
              ""),
          Rule.of("【(?:收到|系统|自动回复|温馨提示)[^】]{0,40}】", ""),
          // Channel tags: 京东快递(移动端), (PC端), at the start or after a separator.
          Rule.of(
              "(?:^|(?<=[\\s,，。;；:：]))[\\p{IsHan}A-Za-z]{0,8}[(（]"
                  + "(?:移动端|PC端|pc端|手机端|网页端|电脑端|APP|App|app|微信端?|小程序|H5)[)）]",
              ""),
          // Long numbers: mobile numbers, then anything else long enough to be an order number.
          Rule.of("(?<![\\d.])1[3-9]\\d{9}(?!\\d)", "手机号"),
          Rule.of("(?<![\\d.A-Za-z])\\d{9,}(?!\\d)", "订单号"));

  /**
   * Characters one of which every built-in rule needs (a digit, a bracket, a colon, the dot of
   * www.), so that the many messages without any skip them.
   */
  private static final String TRIGGERS = "0123456789[【(（:：.";

  /** The built-in rules alone. */
  public static final MessageMetadata STANDARD = new MessageMetadata(List.of(), BUILT_IN);

  /** Takes nothing out. */
  public static final MessageMetadata NONE = new MessageMetadata(List.of(), List.of());

  /** A corpus's own rules, always tried. */
  private final List<Rule> own;

  /** The built-in rules, tried when the message has one of {@link #TRIGGERS}. */
  private final List<Rule> builtIn;

  private MessageMetadata(List<Rule> own, List<Rule> builtIn) {
    this.own = List.copyOf(own);
    this.builtIn = List.copyOf(builtIn);
  }

  /** This with a corpus's own rules, tried before the built-in ones. */
  public MessageMetadata withOwnRules(List<Rule> rules) {
    if (rules.isEmpty()) {
      return this;
    }
    List<Rule> all = new ArrayList<>(rules);
    all.addAll(own);
    return new MessageMetadata(all, builtIn);
  }

  /** Writes whether the built-in rules apply, then the own rules' patterns, flags and facts. */
  public void write(SnapshotOutput out) {
    out.writeBoolean(!builtIn.isEmpty());
    out.writeInt(own.size());
    for (Rule rule : own) {
      out.writeString(rule.pattern().pattern());
      out.writeInt(rule.pattern().flags());
      out.writeString(rule.fact());
    }
  }

  /** Reads what {@link #write} wrote, compiling the own rules' patterns again. */
  public static MessageMetadata read(SnapshotInput in) {
    MessageMetadata base = in.readBoolean() ? STANDARD : NONE;
    int n = in.readCount(12);
    List<Rule> rules = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String regex = in.readString();
      int flags = in.readInt();
      String fact = in.readString();
      try {
        rules.add(new Rule(Pattern.compile(regex, flags), fact));
      } catch (IllegalArgumentException e) {
        throw new SnapshotInput.Malformed(
            "expected a metadata pattern but was '" + regex + "': " + e.getMessage());
      }
    }
    return base.withOwnRules(rules);
  }

  /**
   * How many characters a corpus's own pattern may read per character of the message, plus a base.
   * A pattern that backtracks catastrophically ({@code (a+)+$} on a long run of a's) would
   * otherwise hold a thread for hours on one message: past the budget the rule is skipped for that
   * message. The built-in rules are known not to backtrack so, and are not bounded.
   */
  static final long READS_PER_CHARACTER = 1_000;

  private static final long BASE_READS = 100_000;

  /** The message without its metadata, and the facts found in it. */
  public Stripped strip(String message) {
    Map<String, String> facts = new LinkedHashMap<>();
    String text = message;
    for (Rule rule : own) {
      try {
        Map<String, String> found = new LinkedHashMap<>(facts);
        text = apply(List.of(rule), text, found, true);
        facts = found;
      } catch (Exhausted e) {
        LOG.debug(
            "metadata pattern '{}' gave up on a message of {} characters", rule, text.length());
      }
    }
    if (!builtIn.isEmpty() && mayHoldBuiltIn(text)) {
      text = apply(builtIn, text, facts, false);
    }
    return new Stripped(text, facts);
  }

  private static boolean mayHoldBuiltIn(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (TRIGGERS.indexOf(text.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static String apply(
      List<Rule> rules, String message, Map<String, String> facts, boolean bounded) {
    String text = message;
    for (Rule rule : rules) {
      Matcher m =
          rule.pattern()
              .matcher(
                  bounded
                      ? new Bounded(text, BASE_READS + READS_PER_CHARACTER * text.length())
                      : text);
      if (!m.find()) {
        continue;
      }
      StringBuilder out = new StringBuilder(text.length());
      int last = 0;
      do {
        if (!rule.fact().isEmpty()) {
          String value = rule.value(m);
          if (!value.isEmpty()) {
            facts.putIfAbsent(rule.fact(), value);
          }
        }
        out.append(text, last, m.start()).append(' ');
        last = m.end();
      } while (m.find());
      text = out.append(text, last, text.length()).toString();
    }
    return text;
  }

  /** Thrown when a bounded match has read its budget. */
  private static final class Exhausted extends RuntimeException {
    Exhausted() {
      super(null, null, false, false);
    }
  }

  /** A text that lets a matcher read a bounded number of characters. Not thread-safe. */
  private static final class Bounded implements CharSequence {
    private final String text;
    private long reads;

    Bounded(String text, long reads) {
      this.text = text;
      this.reads = reads;
    }

    @Override
    public char charAt(int index) {
      if (--reads < 0) {
        throw new Exhausted();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  @Override
  public String toString() {
    return "MessageMetadata[" + own.size() + " own rules, " + builtIn.size() + " built-in]";
  }
}
