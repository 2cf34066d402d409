package io.github.huashu.internal.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.huashu.internal.features.FeatureDictionary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureTallyTest {

  private final List<Map<String, Integer>> texts =
      List.of(
          Map.of("w退货", 2, "c退", 1, "w运费", 1),
          Map.of("w退货", 1, "w发票", 1),
          Map.of("w发票", 3, "c退", 1, "p tui", 1));

  @Test
  void dictionary_keepsFeaturesOfEnoughTexts_encodesAsTheDictionaryDoes() {
    FeatureTally tally = new FeatureTally();
    List<FeatureTally.Counted> counted = texts.stream().map(tally::count).toList();

    FeatureTally.Encoder encoder = tally.dictionary(counted, 2);
    FeatureDictionary expected = FeatureDictionary.of(List.of("w退货", "c退", "w发票"));

    for (int t = 0; t < texts.size(); t++) {
      FeatureDictionary.Encoded got = encoder.encode(counted.get(t));
      FeatureDictionary.Encoded want = expected.encode(texts.get(t));
      assertThat(got.ids()).containsExactly(want.ids());
      assertThat(got.counts()).containsExactly(want.counts());
    }
    assertThat(encoder.encode(counted.get(0)).ids()).hasSize(2); // w运费 is in one text only
  }
}
