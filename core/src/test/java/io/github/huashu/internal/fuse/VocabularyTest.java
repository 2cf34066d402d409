package io.github.huashu.internal.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
}
