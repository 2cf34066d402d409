package io.github.huashu.internal.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class VocabularyTest {

  @Test
  void coverage_weightsRareWordsMore_unknownWordsCountAgainst() {
    Vocabulary.Builder b = new Vocabulary.Builder();
    b.add(0, List.of("退货", "运费"));
    b.add(0, List.of("退货", "怎么"));
    b.add(1, List.of("发票", "怎么"));
    Vocabulary v = b.build();

    Vocabulary.Question q = v.question(List.of("退货", "运费", "火星"));
    List<String> matched = new ArrayList<>();
    double returns = q.coverage(0, matched);
    double invoice = q.coverage(1, new ArrayList<>());

    assertThat(matched).containsExactly("退货", "运费");
    assertThat(returns).isGreaterThan(0.5).isLessThan(1.0); // 火星 is unknown
    assertThat(invoice).isZero();
    assertThat(q.corpusCoverage()).isCloseTo(returns, Offset.offset(1e-12));
    assertThat(v.question(List.of()).corpusCoverage()).isZero();
  }

  /**
   * A vocabulary asked without some of its texts weighs and covers a question as the vocabulary
   * built without them does.
   */
  @Test
  void question_withoutTexts_asTheVocabularyOfTheOthers() {
    List<List<String>> texts =
        List.of(
            List.of("退货", "运费"),
            List.of("退货", "怎么"),
            List.of("运费险", "理赔"),
            List.of("发票", "怎么"),
            List.of("发票", "专票"),
            List.of("退货", "专票"));
    int[] intents = {0, 0, 0, 1, 1, 2};
    // Texts 1 and 4 are left out; intent 2 is left out whole.
    Set<Integer> leftOut = Set.of(1, 4, 5);
    Vocabulary.Builder all = new Vocabulary.Builder();
    Vocabulary.Builder rest = new Vocabulary.Builder();
    for (int t = 0; t < texts.size(); t++) {
      all.add(intents[t], texts.get(t));
      if (!leftOut.contains(t)) {
        rest.add(intents[t], texts.get(t));
      }
    }
    Vocabulary.Without without =
        new Vocabulary.Without() {
          @Override
          public int texts() {
            return leftOut.size();
          }

          @Override
          public int using(String word) {
            return (int) leftOut.stream().filter(t -> texts.get(t).contains(word)).count();
          }

          @Override
          public boolean lost(int intent, String word) {
            for (int t = 0; t < texts.size(); t++) {
              if (intents[t] == intent && !leftOut.contains(t) && texts.get(t).contains(word)) {
                return false;
              }
            }
            return true;
          }
        };
    Vocabulary full = all.build();
    Vocabulary others = rest.build();
    for (List<String> question :
        List.of(
            List.of("退货", "怎么", "火星"),
            List.of("专票", "发票"),
            List.of("运费险", "退货", "运费"),
            List.of("怎么"))) {
      Vocabulary.Question asked = full.question(question, without);
      Vocabulary.Question expected = others.question(question);
      assertThat(asked.corpusCoverage()).isCloseTo(expected.corpusCoverage(), Offset.offset(1e-12));
      for (int intent = 0; intent < 3; intent++) {
        List<String> matched = new ArrayList<>();
        List<String> expectedMatched = new ArrayList<>();
        assertThat(asked.coverage(intent, matched))
            .isCloseTo(expected.coverage(intent, expectedMatched), Offset.offset(1e-12));
        assertThat(matched).isEqualTo(expectedMatched);
      }
    }
  }
}
