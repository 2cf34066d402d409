package io.github.huashu.internal.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.huashu.internal.features.FeatureSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CentroidsTest {

  @Test
  void without_someMembers_cosineAsTheCentroidFittedWithoutThem() {
    Random random = new Random(13);
    List<FeatureSpace.Vector> x = new ArrayList<>();
    int[] y = new int[30];
    for (int i = 0; i < y.length; i++) {
      x.add(vector(random, 40));
      y[i] = i % 3;
    }
    Centroids all = Centroids.fit(x, y, 3, 40);
    for (int first = 0; first < 27; first += 5) {
      // Two members of one class taken out: the first and the one three places on.
      List<FeatureSpace.Vector> removed = List.of(x.get(first), x.get(first + 3));
      List<FeatureSpace.Vector> rest = new ArrayList<>();
      List<Integer> restY = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        if (i != first && i != first + 3) {
          rest.add(x.get(i));
          restY.add(y[i]);
        }
      }
      Centroids without = Centroids.fit(rest, ints(restY), 3, 40);
      Centroids.Without taken = all.without(y[first], removed);
      for (FeatureSpace.Vector question :
          List.of(x.get(first), x.get(first + 1), vector(random, 40))) {
        assertThat(all.cosine(question, taken))
            .isCloseTo(without.cosine(question, y[first]), Offset.offset(1e-5));
      }
    }
  }

  @Test
  void without_nothing_isThePlainCosine() {
    Random random = new Random(5);
    List<FeatureSpace.Vector> x = List.of(vector(random, 20), vector(random, 20));
    Centroids centroids = Centroids.fit(x, new int[] {0, 0}, 1, 20);
    FeatureSpace.Vector question = vector(random, 20);

    assertThat(centroids.cosine(question, centroids.without(0, List.of())))
        .isEqualTo(centroids.cosine(question, 0));
  }

  @Test
  void without_everyMember_isZero() {
    FeatureSpace.Vector v = new FeatureSpace.Vector(new int[] {1, 4}, new double[] {0.6, 0.8});
    Centroids one = Centroids.fit(List.of(v), new int[] {0}, 1, 5);

    assertThat(one.cosine(v, 0)).isCloseTo(1.0, Offset.offset(1e-6));
    assertThat(one.cosine(v, one.without(0, List.of(v)))).isZero();
  }

  private static int[] ints(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A random sparse L2-normalised vector with ascending indices. */
  private static FeatureSpace.Vector vector(Random random, int features) {
    List<Integer> index = new ArrayList<>();
    for (int f = 0; f < features; f++) {
      if (random.nextInt(4) == 0) {
        index.add(f);
      }
    }
    double[] value = new double[index.size()];
    double norm = 0;
    for (int a = 0; a < value.length; a++) {
      value[a] = random.nextDouble();
      norm += value[a] * value[a];
    }
    for (int a = 0; a < value.length; a++) {
      value[a] /= Math.sqrt(norm);
    }
    return new FeatureSpace.Vector(ints(index), value);
  }
}
