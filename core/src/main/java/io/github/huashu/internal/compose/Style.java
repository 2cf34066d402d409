package io.github.huashu.internal.compose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a corpus wants replies written and drafts checked: phrasings to vary the wording, the
 * negative phrases agents must not use, jargon with plain words, vague time words. A corpus's
 * {@code style} section replaces a list or table it names and keeps the built-in ones it does not.
 *
 * @param empathy 共情 openings for upset shoppers
 * @param apology 道歉 sentences
 * @param buffer 缓冲 openings for calm shoppers, used when an intent's reply has none
 * @param followUp 跟进 sentences, used when an intent has no follow-up of its own
 * @param negativePhrases phrase → what to say instead
 * @param jargon term → the word a shopper knows
 * @param vagueTime words that promise no time (很快, 尽快)
 * @param empathyMarkers words that show a draft acknowledges the shopper's feeling
 *     <p>Immutable.
 */
public record Style(
    List<String> empathy,
    List<String> apology,
    List<String> buffer,
    List<String> followUp,
    Map<String, String> negativePhrases,
    Map<String, String> jargon,
    List<String> vagueTime,
    List<String> empathyMarkers) {

  public Style {
    empathy = List.copyOf(empathy);
    apology = List.copyOf(apology);
    buffer = List.copyOf(buffer);
    followUp = List.copyOf(followUp);
    negativePhrases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(negativePhrases));
    jargon = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(jargon));
    vagueTime = List.copyOf(vagueTime);
    empathyMarkers = List.copyOf(empathyMarkers);
  }

  /** The built-in style, after the seed documents' scripts and blacklist. */
  public static final Style DEFAULT =
      new Style(
          List.of("您的心情我完全理解，换作是我也会着急。", "非常理解您现在的感受，这件事确实让您受累了。", "让您遇到这样的情况，我特别理解您的不满。"),
          List.of("真的非常抱歉，给您添麻烦了。", "这是我们做得不到位，向您郑重道歉。", "非常抱歉给您带来了不好的体验。"),
          List.of("亲，您好，您的问题我收到了。", "您好，这就为您查看。", "亲，感谢您的耐心，我来为您说明。"),
          List.of("处理进度我会在24小时内主动联系您，请您放心。", "后续每一步进展我都会第一时间通知您，24小时内给您回复。"),
          orderedMap(
              "不可能", "我帮您看看还有什么办法",
              "你自己看规则", "我把相关规则给您说明一下",
              "自己看规则", "我把相关规则给您说明一下",
              "物流不归我们管", "我这边帮您联系物流核实",
              "不归我们管", "我来帮您联系负责的同事处理",
              "这不是我们的问题", "我们一起看看问题出在哪里，我来帮您处理",
              "不是我们的问题", "我们一起看看问题出在哪里，我来帮您处理",
              "我也没办法", "我帮您申请一下，看看能怎么处理",
              "我们也没办法", "我帮您申请一下，看看能怎么处理",
              "你自己去问快递", "我来帮您联系快递核实",
              "自己去查", "我帮您查一下",
              "规定就是这样", "根据平台规则……，我帮您看看能怎么处理",
              "爱买不买", "（删除这句）",
              "你看错了", "可能是我没有说清楚，我再给您说明一下",
              "我不知道", "我帮您确认一下"),
          orderedMap(
              "sku", "商品型号或款式",
              "spu", "商品",
              "揽收", "快递员已取件",
              "揽件", "快递员取件",
              "妥投", "已送达",
              "逆向物流", "退货的物流",
              "风控", "安全审核",
              "核销", "使用",
              "履约", "发货和配送",
              "gmv", "（删除这句）"),
          List.of("很快", "尽快", "稍后", "过几天", "一会儿", "近期", "晚点", "尽早", "改天", "抓紧"),
          List.of(
              "理解", "抱歉", "对不起", "不好意思", "歉意", "添麻烦", "久等", "心情", "感受", "着急", "受累", "委屈", "辛苦"));

  private static Map<String, String> orderedMap(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
