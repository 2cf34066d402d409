package io.github.huashu.internal.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.huashu.internal.features.Grams;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NearestExamplesTest {

  /** The example a plain Dice comparison with each example picks: the first of the most similar. */
  private static NearestExamples.Nearest bruteForce(List<Grams> examples, int[] ordinals, Grams q) {
    int best = -1;
    double top = 0;
    for (int e = 0; e < examples.size(); e++) {
      double d = q.dice(examples.get(e));
      if (d > top) {
        top = d;
        best = e;
      }
    }
    return best < 0
        ? NearestExamples.Nearest.NONE
        : new NearestExamples.Nearest(ordinals[best], top);
  }

  private static String text(Random random, int length) {
    // A small alphabet, so that examples share grams and tie often.
    String alphabet = "退货款运费快递发票";
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  @Test
  void nearest_randomTexts_sameAsDiceWithEachExample() {
    Random random = new Random(13);
    for (int round = 0; round < 300; round++) {
      int n = 1 + random.nextInt(30);
      List<Grams> examples = new ArrayList<>();
      int[] ordinals = new int[n];
      for (int e = 0; e < n; e++) {
        examples.add(Grams.of(text(random, 1 + random.nextInt(12))));
        ordinals[e] = 3 * e + 1;
      }
      NearestExamples packed = NearestExamples.of(examples, ordinals);
      for (int q = 0; q < 10; q++) {
        Grams question = Grams.of(text(random, 1 + random.nextInt(15)));
        assertThat(packed.nearest(question)).isEqualTo(bruteForce(examples, ordinals, question));
      }
    }
  }

  @Test
  void nearest_skippingExamples_sameAsThePackOfTheOthers() {
    Random random = new Random(17);
    for (int round = 0; round < 300; round++) {
      int n = 1 + random.nextInt(30);
      List<Grams> examples = new ArrayList<>();
      int[] ordinals = new int[n];
      List<Grams> kept = new ArrayList<>();
      List<Integer> keptOrdinals = new ArrayList<>();
      for (int e = 0; e < n; e++) {
        examples.add(Grams.of(text(random, 1 + random.nextInt(12))));
        ordinals[e] = 3 * e + 1;
        if (e % 3 != round % 3) {
          kept.add(examples.get(e));
          keptOrdinals.add(ordinals[e]);
        }
      }
      NearestExamples packed = NearestExamples.of(examples, ordinals);
      int[] others = keptOrdinals.stream().mapToInt(Integer::intValue).toArray();
      int skippedRest = round % 3;
      for (int q = 0; q < 10; q++) {
        Grams question = Grams.of(text(random, 1 + random.nextInt(15)));
        assertThat(packed.nearest(question, ordinal -> (ordinal - 1) / 3 % 3 == skippedRest))
            .isEqualTo(bruteForce(kept, others, question));
      }
    }
  }

  @Test
  void nearest_noSharedGram_none() {
    NearestExamples packed =
        NearestExamples.of(List.of(Grams.of("退货"), Grams.of("运费")), new int[] {0, 1});

    assertThat(packed.nearest(Grams.of("发票"))).isEqualTo(NearestExamples.Nearest.NONE);
    assertThat(packed.nearest(Grams.of(""))).isEqualTo(NearestExamples.Nearest.NONE);
  }

  @Test
  void nearest_equallySimilar_firstExample() {
    NearestExamples packed =
        NearestExamples.of(
            List.of(Grams.of("退货"), Grams.of("退款"), Grams.of("退货")), new int[] {5, 6, 7});

    assertThat(packed.nearest(Grams.of("退货"))).isEqualTo(new NearestExamples.Nearest(5, 1.0));
  }
}
