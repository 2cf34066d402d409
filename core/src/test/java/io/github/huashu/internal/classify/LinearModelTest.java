package io.github.huashu.internal.classify;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.liblinear.SolverType;
import io.github.huashu.internal.features.FeatureSpace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearModelTest {

  private static FeatureSpace.Vector v(int index, double value) {
    return new FeatureSpace.Vector(new int[] {index}, new double[] {value});
  }

  /** Three classes, each signalled by its own feature. */
  private static List<FeatureSpace.Vector> x() {
    List<FeatureSpace.Vector> x = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      x.add(v(0, 1));
      x.add(v(1, 1));
      x.add(v(2, 1));
    }
    return x;
  }

  private static int[] y() {
    int[] y = new int[30];
    for (int i = 0; i < 30; i++) {
      y[i] = i % 3;
    }
    return y;
  }

  @Test
  void train_separableClasses_probabilitiesFollowTheFeature_sumToOne() {
    for (SolverType solver : List.of(SolverType.L2R_LR, SolverType.L2R_LR_DUAL)) {
      LinearModel model = LinearModel.train(x(), y(), 3, 3, solver, 10, 0.001);
      for (int k = 0; k < 3; k++) {
        double[] p = model.probabilities(v(k, 1));
        assertThat(p[k]).as(solver + " class " + k).isGreaterThan(0.6);
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
      }
    }
  }

  @Test
  void train_classAbsentFromTraining_neverLikely() {
    int[] y = y();
    for (int i = 0; i < y.length; i++) {
      y[i] = y[i] == 2 ? 0 : y[i];
    }
    LinearModel model = LinearModel.train(x(), y, 3, 3, SolverType.L2R_LR, 10, 0.001);

    assertThat(model.probabilities(v(2, 1))[2]).isLessThan(1e-6);
  }

  @Test
  void train_oneClass_certain() {
    LinearModel model =
        LinearModel.train(List.of(v(0, 1)), new int[] {0}, 1, 1, SolverType.L2R_LR, 1, 0.01);

    assertThat(model.probabilities(v(0, 1))).containsExactly(1.0);
  }

  @Test
  void centroids_cosineOfTheClassMean() {
    Centroids c =
        Centroids.fit(
            List.of(
                new FeatureSpace.Vector(new int[] {0}, new double[] {1}),
                new FeatureSpace.Vector(new int[] {1}, new double[] {1}),
                new FeatureSpace.Vector(new int[] {2}, new double[] {1})),
            new int[] {0, 0, 1},
            2,
            3);

    assertThat(c.cosine(v(0, 1), 0))
        .isCloseTo(Math.sqrt(0.5), org.assertj.core.data.Offset.offset(1e-6));
    assertThat(c.cosine(v(0, 1), 1)).isZero();
    assertThat(c.cosine(v(2, 1), 1)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
  }
}
