package io.github.huashu.internal.tsv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TsvTest {

  @Test
  void parse_bomCrlfCommentsBlankLines_skippedAndStripped() {
    Tsv.Table t =
        Tsv.parse(
            "\uFEFF# header\r\n 退货 \t a.return \r\n\r\n  # note\n发票\tb.invoice", 2, "q<TAB>id");

    assertThat(t.bad()).isEmpty();
    assertThat(t.rows()).extracting(Tsv.Row::line).containsExactly(2, 5);
    assertThat(t.rows().get(0).fields()).containsExactly("退货", "a.return");
    assertThat(t.rows().get(0).column(1)).isEqualTo(6);
    assertThat(t.rows().get(1).fields()).containsExactly("发票", "b.invoice");
  }

  @Test
  void parse_wrongNumberOfTabs_locatedAtWhereItGoesWrong() {
    Tsv.Table t = Tsv.parse("没有tab\n多\t了\t一列\n好的\tok\n", 2, "q<TAB>id");

    assertThat(t.bad())
        .containsExactly(
            new Tsv.Bad(1, 1, "expected 'q<TAB>id' but found no tab"),
            new Tsv.Bad(2, 4, "expected 'q<TAB>id' but found a second tab"));
    assertThat(t.rows()).extracting(Tsv.Row::line).containsExactly(3);
  }

  @Test
  void parse_threeColumns_countsTabs() {
    Tsv.Table t = Tsv.parse("a\tb\n", 3, "a<TAB>b<TAB>c");

    assertThat(t.bad())
        .containsExactly(new Tsv.Bad(1, 1, "expected 'a<TAB>b<TAB>c' but found only 1 tab"));
  }

  @Test
  void resource_missing_namedInTheError() {
    assertThatThrownBy(() -> Tsv.resource(TsvTest.class, "no-such.tsv", 2, "a<TAB>b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no-such.tsv is missing from the jar");
  }
}
