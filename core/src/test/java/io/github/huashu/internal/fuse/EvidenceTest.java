package io.github.huashu.internal.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.huashu.analyzers.ChineseAnalyzers;
import io.github.huashu.analyzers.ChineseNormalizer;
import io.github.huashu.analyzers.PinyinSpeller;
import io.github.huashu.internal.features.FeatureDictionary;
import io.github.huashu.internal.features.Featurizer;
import io.github.huashu.internal.retrieve.Tokens;
import io.github.huashu.internal.train.MatchSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/** A matcher asked as a calibration fold's matcher would answer ({@link SimulatedFold.HeldOut}). */
class EvidenceTest {

  private static final String[][] INTENTS = {
    {"七天无理由退货怎么退", "拆封了还能退货吗", "退货运费谁出", "想退货怎么操作"},
    {"退款多久到账", "退款怎么还没到", "钱什么时候退回来", "退款进度查询"},
    {"快递到哪了", "物流好几天没更新了", "包裹什么时候到", "查一下物流"},
    {"发票怎么开", "可以开专票吗", "发票抬头写错了", "电子发票在哪下载"},
    {"优惠券用不了", "满减怎么没生效", "领的券去哪了", "优惠券过期了吗"},
  };

  private static final Featurizer FEATURIZER =
      new Featurizer(
          ChineseAnalyzers.hanlp(),
          ChineseAnalyzers.builder().mode(ChineseAnalyzers.Mode.INDEX).build(),
          ChineseAnalyzers.bigrams(),
          PinyinSpeller.NONE);

  private static final List<Featurizer.Text> TEXTS = new ArrayList<>();
  private static final FeatureDictionary DICTIONARY;
  private static final List<Evidence.Sample> SAMPLES = new ArrayList<>();

  static {
    Set<String> features = new TreeSet<>();
    for (String[] examples : INTENTS) {
      for (String example : examples) {
        Featurizer.Text text = FEATURIZER.analyze(ChineseNormalizer.normalize(example));
        TEXTS.add(text);
        features.addAll(text.features().keySet());
      }
    }
    DICTIONARY = FeatureDictionary.of(features);
    for (int t = 0; t < TEXTS.size(); t++) {
      Featurizer.Text text = TEXTS.get(t);
      SAMPLES.add(
          new Evidence.Sample(
              t / 4,
              t % 4,
              text.withoutFeatures(),
              new Evidence.Prepared(
                  DICTIONARY.encode(text.features()),
                  Tokens.of(FEATURIZER.indexAnalyzer(), text.normalized()),
                  Tokens.of(FEATURIZER.bigramAnalyzer(), text.normalized()))));
    }
  }

  private static final Evidence MATCHER =
      Evidence.train(DICTIONARY, SAMPLES, Map.of(), MatchSettings.DEFAULT, true);

  @Test
  void candidatesInFold_holdingOutNothing_asTrained() {
    SimulatedFold nothing = MATCHER.simulate(fold(intent -> false, (intent, e) -> false));

    for (Evidence.Sample sample : SAMPLES) {
      assertThat(MATCHER.candidatesInFold(sample, nothing))
          .isNotEmpty()
          .isEqualTo(MATCHER.candidates(sample));
    }
  }

  @Test
  void candidatesInFold_intentHeldOutWhole_neverACandidate() {
    SimulatedFold withoutRefunds = MATCHER.simulate(fold(intent -> intent == 1, (i, e) -> false));

    for (Evidence.Sample sample : SAMPLES) {
      assertThat(MATCHER.candidatesInFold(sample, withoutRefunds))
          .extracting(Evidence.Candidate::intent)
          .doesNotContain(1);
    }
  }

  @Test
  void candidatesInFold_ownExampleHeldOut_nearestIsAnother() {
    for (Evidence.Sample sample : SAMPLES) {
      Evidence.Candidate asTrained = own(MATCHER.candidates(sample), sample.intent());
      SimulatedFold withoutIt =
          MATCHER.simulate(
              fold(
                  intent -> false,
                  (intent, example) -> intent == sample.intent() && example == sample.example()));
      Evidence.Candidate heldOut =
          own(MATCHER.candidatesInFold(sample, withoutIt), sample.intent());

      assertThat(asTrained.nearestExample()).isEqualTo(sample.example());
      assertThat(asTrained.similarity()).isEqualTo(1.0);
      if (heldOut != null) {
        assertThat(heldOut.nearestExample()).isNotEqualTo(sample.example());
        assertThat(heldOut.similarity()).isLessThan(1.0);
        assertThat(heldOut.probability()).isLessThanOrEqualTo(asTrained.probability() + 1e-9);
      }
    }
  }

  @Test
  void simulate_classifier_isRefused() {
    Evidence classifier =
        Evidence.train(DICTIONARY, SAMPLES, Map.of(), MatchSettings.DEFAULT, false);

    assertThatThrownBy(() -> classifier.simulate(fold(intent -> false, (i, e) -> false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("expected a matcher scoring centroids but it has a classifier");
  }

  private static Evidence.Candidate own(List<Evidence.Candidate> candidates, int intent) {
    return candidates.stream().filter(c -> c.intent() == intent).findFirst().orElse(null);
  }

  /** A fold of the samples: the intents held out whole and the examples held out. */
  private static SimulatedFold.HeldOut fold(
      IntPredicate absent, BiPredicate<Integer, Integer> heldOut) {
    return new SimulatedFold.HeldOut() {
      @Override
      public boolean absent(int intent) {
        return absent.test(intent);
      }

      @Override
      public boolean heldOut(int intent, int example) {
        return heldOut.test(intent, example);
      }

      @Override
      public List<Evidence.Sample> texts(int intent) {
        return SAMPLES.subList(4 * intent, 4 * intent + 4);
      }

      @Override
      public int textsHeldOut() {
        int n = 0;
        for (Evidence.Sample s : SAMPLES) {
          n += absent.test(s.intent()) || heldOut.test(s.intent(), s.example()) ? 1 : 0;
        }
        return n;
      }

      @Override
      public int heldOutUsing(String word) {
        int n = 0;
        for (Evidence.Sample s : SAMPLES) {
          boolean out = absent.test(s.intent()) || heldOut.test(s.intent(), s.example());
          n += out && s.text().tokens().contains(word) ? 1 : 0;
        }
        return n;
      }
    };
  }
}
