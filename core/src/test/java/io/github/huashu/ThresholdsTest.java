package io.github.huashu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThresholdsTest {

  @Test
  void constructor_outOfRange_rejected() {
    assertThatThrownBy(() -> new Thresholds(1.5, 0.2, 0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected the answer threshold in [0, 1] but was 1.5");
    assertThatThrownBy(() -> new Thresholds(0.5, Double.NaN, 0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected the suggestion threshold in [0, 1] but was NaN");
  }

  @Test
  void constructor_suggestionAboveAnswer_rejected() {
    assertThatThrownBy(() -> new Thresholds(0.3, 0.4, 0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "expected the suggestion threshold to be at most the answer threshold (0.3) but was 0.4");
  }

  @Test
  void with_changesOneValue() {
    assertThat(Thresholds.DEFAULT.withAnswer(0.7)).isEqualTo(new Thresholds(0.7, 0.2, 0.2));
    assertThat(Thresholds.DEFAULT.withMargin(0.05)).isEqualTo(new Thresholds(0.5, 0.2, 0.05));
    assertThat(Thresholds.DEFAULT.withSuggestion(0.1)).isEqualTo(new Thresholds(0.5, 0.1, 0.2));
  }
}
