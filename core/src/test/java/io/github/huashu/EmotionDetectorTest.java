package io.github.huashu;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.huashu.Emotion.Label;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EmotionDetectorTest {

  private final EmotionDetector detector = EmotionDetector.standard();

  private record Case(String message, Label label) {}

  private static List<Case> read(String resource) throws IOException {
    List<Case> cases = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                Objects.requireNonNull(EmotionDetectorTest.class.getResourceAsStream(resource)),
                UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] f = line.split("\t");
          cases.add(new Case(f[0], Label.valueOf(f[1])));
        }
      }
    }
    return cases;
  }

  /** Share of cases labelled right, overall and per expected label. */
  private Map<String, Double> accuracy(List<Case> cases) {
    Map<String, int[]> counts = new TreeMap<>();
    for (Case c : cases) {
      boolean right = detector.detect(c.message()).label() == c.label();
      for (String key : List.of("all", c.label().name())) {
        int[] n = counts.computeIfAbsent(key, k -> new int[2]);
        n[0] += right ? 1 : 0;
        n[1]++;
      }
    }
    Map<String, Double> out = new TreeMap<>();
    counts.forEach((k, n) -> out.put(k, n[0] / (double) n[1]));
    return out;
  }

  @Test
  void developmentSet_mostlyRight() throws IOException {
    // The set the lexicon was tuned on (248 messages): a regression guard, not a quality claim.
    Map<String, Double> accuracy = accuracy(read("/emotion/messages.tsv"));

    assertThat(accuracy.get("all")).as("accuracy %s", accuracy).isGreaterThanOrEqualTo(0.88);
  }

  @Test
  void heldOutSet_fromAnotherWriter_calmStaysCalm() throws IOException {
    // Written independently of the lexicon and never used to tune it (200 messages): the figure
    // the README reports. Calm shoppers must not be treated as upset.
    Map<String, Double> accuracy = accuracy(read("/emotion/heldout.tsv"));

    assertThat(accuracy.get("all")).as("accuracy %s", accuracy).isGreaterThanOrEqualTo(0.80);
    assertThat(accuracy.get("CALM")).as("calm %s", accuracy).isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void detect_weakModelReadingAlone_staysCalm() {
    // The model alone reads this calm follow-up as 不满 at about 0.32: no word of the lexicon is
    // behind it, so it is not a feeling to answer with an apology.
    Emotion e = detector.detect("那运费谁出？");

    assertThat(e.label()).isEqualTo(Label.CALM);
    assertThat(e.signals())
        .extracting(Emotion.Signal::kind)
        .containsExactly(Emotion.Signal.Kind.MODEL);
    assertThat(e.signals().get(0).weight()).isLessThan(EmotionDetector.MODEL_ALONE);
  }

  @Test
  void lexiconOnly_stillReadsTheObviousCases() {
    EmotionDetector lexicon = EmotionDetector.lexiconOnly();
    assertThat(lexicon.detect("我要投诉你们！再也不买了！").label()).isEqualTo(Label.ANGRY);
    assertThat(lexicon.detect("不着急，慢慢来").label()).isEqualTo(Label.CALM);
    assertThat(lexicon.detect("我要投诉你们").signals())
        .extracting(Emotion.Signal::kind)
        .doesNotContain(Emotion.Signal.Kind.MODEL);
    assertThat(detector.detect("我要投诉你们").signals())
        .extracting(Emotion.Signal::kind)
        .contains(Emotion.Signal.Kind.MODEL);
  }

  @Test
  void seedSignals_readAsTheSeedSays() {
    // The seed calls this 不满; the trained model often reads an exclaimed complaint as anger. Both
    // are upset and get the same reply pattern (共情 → 道歉 → 解决 → 跟进).
    assertThat(detector.detect("你们怎么这么慢！").isUpset()).isTrue();
    assertThat(EmotionDetector.lexiconOnly().detect("你们怎么这么慢！").label())
        .isEqualTo(Label.DISSATISFIED);
    assertThat(detector.detect("什么时候能到？会不会丢了？").label()).isEqualTo(Label.ANXIOUS);
    assertThat(detector.detect("我要投诉你们！再也不买了！").label()).isEqualTo(Label.ANGRY);
  }

  @Test
  void negationAndPoliteness_calm() {
    assertThat(detector.detect("不着急，慢慢来").label()).isEqualTo(Label.CALM);
    assertThat(detector.detect("不是催你哈，就是问问发货没").label()).isEqualTo(Label.CALM);
    assertThat(detector.detect("没有要投诉的意思，谢谢").label()).isEqualTo(Label.CALM);
    assertThat(detector.detect("烟雾报警器要自己装电池吗").label()).isEqualTo(Label.CALM);
    // A calming word before 但是 does not calm what follows.
    assertThat(detector.detect("谢谢，但是都一个星期了还没到，太慢了").label()).isEqualTo(Label.DISSATISFIED);
  }

  @Test
  void threats_angryAndIntense_withTheSignalsThatFired() {
    Emotion e = detector.detect("再不退款我就打12315，还要去微博曝光你们！！！");

    assertThat(e.label()).isEqualTo(Label.ANGRY);
    assertThat(e.intensity()).isGreaterThanOrEqualTo(8);
    assertThat(e.signals()).extracting(Emotion.Signal::text).contains("12315", "曝光", "！！！");
  }

  @Test
  void traditionalFullWidthAndEmoji_readTheSame() {
    assertThat(detector.detect("太過分了，我要投訴").label()).isEqualTo(Label.ANGRY);
    assertThat(detector.detect("ＳＢ客服").label()).isEqualTo(Label.ANGRY);
    assertThat(detector.detect("USB接口是几代的").label()).isEqualTo(Label.CALM);
    assertThat(detector.detect("退款呢😡😡").label()).isEqualTo(Label.ANGRY);
  }

  @Test
  void punctuationRuns_strengthen() {
    int plain = detector.detect("怎么还不发货").intensity();
    int shouted = detector.detect("怎么还不发货？？？").intensity();

    assertThat(shouted).isGreaterThan(plain);
    assertThat(detector.detect("？？？").isUpset()).isTrue();
    assertThat(detector.detect("太好了！！！谢谢").label()).isEqualTo(Label.CALM);
  }

  @Test
  void repetitionAndWaiting_raiseAnxiety() {
    Emotion once = detector.detect("发票开好了吗", List.of(), Duration.ZERO);
    Emotion again = detector.detect("发票开好了吗", List.of("发票开好了吗", "我的发票开好了吗"), Duration.ZERO);
    Emotion waited = detector.detect("发票开好了吗", List.of(), Duration.ofHours(3));

    assertThat(once.label()).isEqualTo(Label.CALM);
    assertThat(again.label()).isIn(Label.ANXIOUS, Label.DISSATISFIED);
    assertThat(again.signals())
        .extracting(Emotion.Signal::kind)
        .contains(Emotion.Signal.Kind.REPETITION);
    assertThat(waited.label()).isEqualTo(Label.ANXIOUS);
    assertThat(waited.signals())
        .extracting(Emotion.Signal::kind)
        .contains(Emotion.Signal.Kind.WAITING);
  }

  @Test
  void detect_formatCharactersInsideWords_readAsIfThereWereNone() {
    // Issue: with a zero-width space inside 投诉 and 12315 the message read CALM 0.
    Emotion plain = detector.detect("我要投诉，12315");
    Emotion hidden = detector.detect("我要投\u200B诉，123\u200B15");

    assertThat(plain.label()).isEqualTo(Label.ANGRY);
    assertThat(plain.intensity()).isEqualTo(10);
    assertThat(hidden).isEqualTo(plain);
    assertThat(hidden.signals()).extracting(Emotion.Signal::text).contains("我要投诉", "12315");
  }

  @Test
  void detect_joinersInsideWords_readAsIfThereWereNone() {
    Emotion plain = detector.detect("你们是骗子吧，我要报警");
    Emotion hidden = detector.detect("\uFEFF你们是骗\u200D子吧，我要报\u2060警\u202E\u0007");

    assertThat(hidden).isEqualTo(plain);
    assertThat(hidden.label()).isEqualTo(Label.ANGRY);
    assertThat(hidden.intensity()).isGreaterThanOrEqualTo(7);
  }

  @Test
  void detect_emojiJoinedIntoOne_readAsTheEmojiTheShopperSees() {
    // A joiner between emoji is part of them: 😡 joined to 🔥 is one emoji, read once.
    Emotion joined = detector.detect("退款呢😡\u200D🔥");

    assertThat(joined.signals())
        .filteredOn(s -> s.kind() == Emotion.Signal.Kind.EMOJI)
        .extracting(Emotion.Signal::text)
        .containsExactly("😡\u200D🔥");
  }

  @Test
  void badInput_neverBreaks() {
    assertThat(detector.detect("").label()).isEqualTo(Label.CALM);
    assertThat(detector.detect("\u0000\u0007\ud800").label()).isEqualTo(Label.CALM);
    assertThat(detector.detect("急".repeat(10_000)).intensity()).isBetween(1, 10);
  }
}
