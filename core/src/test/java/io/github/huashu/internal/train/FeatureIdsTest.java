package io.github.huashu.internal.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FeatureIdsTest {

  @Test
  void id_sameStringSameId_inOrderOfFirstSight() {
    FeatureIds ids = new FeatureIds();

    assertThat(ids.id("w退货")).isZero();
    assertThat(ids.id("2退货")).isEqualTo(1);
    assertThat(ids.id("w退货")).isZero();
    assertThat(ids.id("")).isEqualTo(2);
    assertThat(ids.id("b退货|运费")).isEqualTo(3);
    assertThat(ids.size()).isEqualTo(4);
    assertThat(ids.string(3)).isEqualTo("b退货|运费");
    assertThat(ids.string(2)).isEmpty();
  }

  @Test
  void id_collidingHashes_distinctIds() {
    FeatureIds ids = new FeatureIds();
    // "Aa" and "BB" have the same String.hashCode.
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());

    assertThat(ids.id("Aa")).isZero();
    assertThat(ids.id("BB")).isEqualTo(1);
    assertThat(ids.id("Aa")).isZero();
    assertThat(ids.id("AaBB")).isEqualTo(2);
    assertThat(ids.id("BBAa")).isEqualTo(3);
  }

  /** Four threads number overlapping strings (the tables grow many times): one id per string. */
  @Test
  void id_manyThreads_oneIdPerString() throws Exception {
    List<String> strings = new ArrayList<>();
    Random random = new Random(3);
    for (int i = 0; i < 60_000; i++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(100) == 0 ? 2000 : 1 + random.nextInt(8);
      for (int c = 0; c < length; c++) {
        s.append(
            random.nextBoolean()
                ? (char) ('a' + random.nextInt(3))
                : (char) (0x4e00 + random.nextInt(40)));
      }
      strings.add(s.toString());
    }
    FeatureIds ids = new FeatureIds();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Map<String, Integer>>> seen = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        seen.add(
            pool.submit(
                () -> {
                  Map<String, Integer> mine = new HashMap<>();
                  Random order = new Random(seed);
                  for (int i = 0; i < strings.size(); i++) {
                    String s = strings.get(order.nextInt(strings.size()));
                    int id = ids.id(s);
                    Integer before = mine.putIfAbsent(s, id);
                    if (before != null && before != id) {
                      throw new AssertionError(s + " had " + before + " then " + id);
                    }
                  }
                  return mine;
                }));
      }
      Map<String, Integer> all = new HashMap<>();
      for (Future<Map<String, Integer>> f : seen) {
        for (Map.Entry<String, Integer> e : f.get().entrySet()) {
          Integer before = all.putIfAbsent(e.getKey(), e.getValue());
          assertThat(before == null || before.equals(e.getValue())).as(e.getKey()).isTrue();
        }
      }
      assertThat(ids.size()).isEqualTo(all.size());
      Set<Integer> distinct = new HashSet<>(all.values());
      assertThat(distinct).hasSize(all.size());
      for (Map.Entry<String, Integer> e : all.entrySet()) {
        assertThat(ids.string(e.getValue())).isEqualTo(e.getKey());
        assertThat(ids.id(e.getKey())).isEqualTo(e.getValue());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
