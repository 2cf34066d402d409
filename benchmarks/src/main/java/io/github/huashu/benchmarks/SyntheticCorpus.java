package io.github.huashu.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.huashu.Bundle;
import io.github.huashu.EvalCase;
import io.github.huashu.Intent;
import io.github.huashu.KnowledgeBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Larger corpora made deterministically from the sample corpus, the way a marketplace grows: the
 * same questions asked about many products. Intent {@code k} takes the sample intent {@code k mod
 * 73} and the product variant {@code k / 73} (a product, then product and shop once the products
 * run out): its name is the base name with the product, its bundle the base bundle, and its
 * examples are twelve of the base's examples (chosen with a seed of {@code k}) with the product
 * written in, replacing 这个/这款/商品/东西/宝贝 where the example has one, else in front. Intents of one
 * base overlap heavily and differ by the product, as real variants do.
 *
 * <p>Questions come from the held-out file the same way: each in-scope question is rewritten for a
 * variant of its intent (seeded), out-of-scope questions stay as they are.
 */
final class SyntheticCorpus {

  static final List<String> PRODUCTS =
      List.of(
          "扫地机器人", "蓝牙耳机", "空气炸锅", "羽绒服", "运动鞋", "行李箱", "洗面奶", "奶粉", "手机壳", "电动牙刷", "充电宝", "床垫",
          "台灯", "保温杯", "连衣裙", "牛仔裤", "机械键盘", "显示器", "电饭煲", "吹风机", "面霜", "口红", "猫粮", "狗绳", "婴儿车",
          "儿童座椅", "投影仪", "路由器", "智能手表", "平板电脑", "咖啡机", "豆浆机", "净水器", "加湿器", "电热毯", "沙发", "书桌", "衣柜",
          "窗帘", "四件套", "登山包", "瑜伽垫", "跑步机", "自行车", "头盔", "墨镜", "帽子", "围巾", "手套", "袜子", "茶叶", "坚果礼盒",
          "月饼", "大米", "食用油", "洗衣液", "纸巾", "垃圾袋", "拖把", "马桶刷");
  static final List<String> SHOPS = List.of("旗舰店", "专营店", "自营店", "海外店", "折扣店", "工厂店");

  private static final Pattern GENERIC = Pattern.compile("这个|这款|商品|东西|宝贝");
  private static final int EXAMPLES = 12;

  private SyntheticCorpus() {}

  /** The product variant of intent {@code k} of a corpus built from {@code bases} intents. */
  static String variant(int k, int bases) {
    int v = k / bases;
    String product = PRODUCTS.get(v % PRODUCTS.size());
    int shop = v / PRODUCTS.size();
    return shop == 0 ? product : product + SHOPS.get((shop - 1) % SHOPS.size());
  }

  static String render(String text, String product) {
    java.util.regex.Matcher m = GENERIC.matcher(text);
    return m.find() ? m.replaceFirst(product) : product + "，" + text;
  }

  /** Writes a corpus of {@code n} intents into the folder, in files of 1,000 intents. */
  static void write(KnowledgeBase sample, int n, Path dir) {
    List<Intent> bases = sample.intents();
    JsonFactory json = JsonFactory.builder().build();
    try {
      Files.createDirectories(dir);
      for (int file = 0; file * 1000 < n; file++) {
        Path path = dir.resolve(String.format("intents-%03d.json", file));
        try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            JsonGenerator g = json.createGenerator(out)) {
          g.writeStartObject();
          g.writeArrayFieldStart("intents");
          for (int k = file * 1000; k < Math.min(n, (file + 1) * 1000); k++) {
            writeIntent(g, bases.get(k % bases.size()), k, variant(k, bases.size()));
          }
          g.writeEndArray();
          g.writeEndObject();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeIntent(JsonGenerator g, Intent base, int k, String product)
      throws IOException {
    Bundle b = base.bundle();
    g.writeStartObject();
    g.writeStringField("id", base.id() + "." + k);
    g.writeStringField("name", base.name() + "·" + product);
    g.writeStringField("category", base.category());
    g.writeStringField("scene", base.scene());
    g.writeStringField("department", b.department());
    strings(g, "terms", List.of(product));
    if (!b.diagnosis().isEmpty()) {
      g.writeStringField("diagnosis", b.diagnosis());
    }
    strings(g, "solution", b.solution());
    if (!b.reply().isEmpty()) {
      g.writeStringField("reply", b.reply().text());
    }
    strings(g, "must_mention", b.mustMention());
    List<String> examples = new ArrayList<>(base.examples());
    Collections.shuffle(examples, new Random(k));
    List<String> rendered = new ArrayList<>();
    for (String example : examples.subList(0, Math.min(EXAMPLES, examples.size()))) {
      rendered.add(render(example, product));
    }
    strings(g, "examples", rendered);
    g.writeEndObject();
  }

  private static void strings(JsonGenerator g, String field, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  /** The held-out questions, each in-scope one rewritten for a variant of its intent. */
  static List<String> questions(KnowledgeBase sample, List<EvalCase> heldOut, int n) {
    return cases(sample, heldOut, n).stream().map(EvalCase::question).toList();
  }

  /** The same questions with the synthetic intent each expects ({@code _none} kept). */
  static List<EvalCase> cases(KnowledgeBase sample, List<EvalCase> heldOut, int n) {
    int bases = sample.intents().size();
    Random random = new Random(7);
    List<EvalCase> out = new ArrayList<>();
    for (EvalCase c : heldOut) {
      if (!c.inScope()) {
        out.add(c);
        continue;
      }
      int base = sample.intents().indexOf(sample.intent(c.expected()).orElseThrow());
      int variants = Math.max(1, (n - base + bases - 1) / bases);
      int k = base + bases * random.nextInt(variants);
      out.add(
          new EvalCase(render(c.question(), variant(k, bases)), c.expected() + "." + k, c.line()));
    }
    return out;
  }
}
