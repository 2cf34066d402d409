package io.github.huashu.internal.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.huashu.SnapshotException;
import io.github.huashu.internal.snapshot.SnapshotFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureDictionaryTest {

  @TempDir Path dir;

  @Test
  void encode_knownFeaturesAsSortedIds_othersDropped() {
    FeatureDictionary dictionary = FeatureDictionary.of(List.of("w退货", "2退货", "w运费"));

    FeatureDictionary.Encoded encoded = dictionary.encode(Map.of("w运费", 2, "w退款", 1, "2退货", 1));

    // Ids in string order: "2退货" 0, "w运费" 1 ("运" sorts after "退"), "w退货" 2.
    assertThat(encoded.ids()).containsExactly(0, 1);
    assertThat(encoded.counts()).containsExactly(1, 2);
    assertThat(dictionary.family(2)).isEqualTo('w');
  }

  @Test
  void read_whatWasWritten_encodesTheSame() throws Exception {
    FeatureDictionary written = FeatureDictionary.of(List.of("w退货", "2退货", "w运费", "b退货|运费"));
    Path file = dir.resolve("d.huashu");
    SnapshotFile.write(file, written::write);

    FeatureDictionary read = SnapshotFile.read(file, FeatureDictionary::read);

    Map<String, Integer> text = Map.of("b退货|运费", 1, "w运费", 3, "w没有", 1);
    assertThat(read.size()).isEqualTo(4);
    assertThat(read.encode(text).ids()).containsExactly(written.encode(text).ids());
    assertThat(read.encode(text).counts()).containsExactly(written.encode(text).counts());
  }

  @Test
  void read_repeatedFeature_refusedNamingIt() throws IOException {
    Path file = dir.resolve("d.huashu");
    SnapshotFile.write(file, out -> out.writeStrings(List.of("2退货", "w退货", "2退货")));

    assertThatThrownBy(() -> SnapshotFile.read(file, FeatureDictionary::read))
        .isInstanceOf(SnapshotException.class)
        .hasMessageContaining("expected distinct non-empty features but feature 2 was '2退货'");
  }

  @Test
  void read_emptyFeature_refusedNamingIt() throws IOException {
    Path file = dir.resolve("d.huashu");
    SnapshotFile.write(file, out -> out.writeStrings(List.of("2退货", "", "w退货", "w退货")));

    assertThatThrownBy(() -> SnapshotFile.read(file, FeatureDictionary::read))
        .isInstanceOf(SnapshotException.class)
        .hasMessageContaining("feature 1 was ''");
  }
}
