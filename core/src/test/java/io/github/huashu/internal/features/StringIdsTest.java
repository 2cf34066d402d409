package io.github.huashu.internal.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StringIdsTest {

  @Test
  void id_eachStringItsIndex_othersMinusOne() {
    StringIds ids = StringIds.of(List.of("w退货", "2退货", "", "b退货|运费"));

    assertThat(ids.id("w退货")).isZero();
    assertThat(ids.id("2退货")).isEqualTo(1);
    assertThat(ids.id("")).isEqualTo(2);
    assertThat(ids.id("b退货|运费")).isEqualTo(3);
    assertThat(ids.id("w退款")).isEqualTo(-1);
    assertThat(ids.size()).isEqualTo(4);
    assertThat(ids.string(3)).isEqualTo("b退货|运费");
    assertThat(ids.strings()).containsExactly("w退货", "2退货", "", "b退货|运费");
    assertThat(ids.repeated()).isEqualTo(-1);
  }

  @Test
  void id_collidingHashes_eachFound() {
    // "Aa" and "BB" have the same String.hashCode, as do "AaBB" and "BBAa".
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    StringIds ids = StringIds.of(new String[] {"Aa", "AaBB", "BB"});

    assertThat(ids.id("BB")).isEqualTo(2);
    assertThat(ids.id("Aa")).isZero();
    assertThat(ids.id("AaBB")).isEqualTo(1);
    assertThat(ids.id("BBAa")).isEqualTo(-1);
    assertThat(ids.id("AaAa")).isEqualTo(-1);
  }

  @Test
  void of_repeatedString_firstIdKeptAndRepeatReported() {
    StringIds ids = StringIds.of(List.of("a", "b", "a", "b"));

    assertThat(ids.repeated()).isEqualTo(2);
    assertThat(ids.id("a")).isZero();
    assertThat(ids.id("b")).isEqualTo(1);
    assertThat(ids.size()).isEqualTo(4);
  }

  @Test
  void of_empty_findsNothing() {
    StringIds ids = StringIds.of(List.of());

    assertThat(ids.size()).isZero();
    assertThat(ids.id("a")).isEqualTo(-1);
    assertThat(ids.id("")).isEqualTo(-1);
    assertThat(ids.repeated()).isEqualTo(-1);
  }

  /** Agrees with a HashMap on 100,000 strings and as many lookups that mostly miss. */
  @Test
  void id_manyStrings_sameAsHashMap() {
    Random random = new Random(5);
    List<String> strings = new ArrayList<>();
    Map<String, Integer> expected = new HashMap<>();
    while (strings.size() < 100_000) {
      String s = word(random);
      if (expected.putIfAbsent(s, strings.size()) == null) {
        strings.add(s);
      }
    }
    StringIds ids = StringIds.of(strings);

    assertThat(ids.repeated()).isEqualTo(-1);
    for (String s : strings) {
      assertThat(ids.id(s)).isEqualTo(expected.get(s));
    }
    int misses = 0;
    for (int i = 0; i < 100_000; i++) {
      String s = word(random);
      int id = ids.id(s);
      assertThat(id).isEqualTo(expected.getOrDefault(s, -1));
      misses += id < 0 ? 1 : 0;
    }
    assertThat(misses).isGreaterThan(10_000);
  }

  private static String word(Random random) {
    StringBuilder s = new StringBuilder();
    int length = 1 + random.nextInt(5);
    for (int c = 0; c < length; c++) {
      s.append((char) (0x4e00 + random.nextInt(30)));
    }
    return s.toString();
  }
}
