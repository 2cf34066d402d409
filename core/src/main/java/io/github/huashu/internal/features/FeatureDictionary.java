package io.github.huashu.internal.features;

import io.github.huashu.internal.snapshot.SnapshotInput;
import io.github.huashu.internal.snapshot.SnapshotOutput;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Every feature of a corpus's training texts, numbered once in string order and shared by the
 * matchers trained on that corpus (the final one and the calibration folds). Training texts are
 * encoded once as sorted ids with counts, so fitting a feature space and vectorising its training
 * texts work on int arrays instead of hashing every feature string again for every matcher: a load
 * profile at 10,000 intents spent two fifths of its time there. Immutable and thread-safe.
 */
public final class FeatureDictionary {

  /** A text's features known to the dictionary: ascending ids and their counts. */
  public record Encoded(int[] ids, int[] counts) {}

  private final StringIds ids;

  /** Per id, its family (the feature string's first character). */
  private final char[] families;

  private FeatureDictionary(StringIds ids, char[] families) {
    this.ids = ids;
    this.families = families;
  }

  /**
   * The given distinct features, numbered in string order. Training counts their document
   * frequencies itself, over provisional ids, and keeps the features frequent enough: every matcher
   * trains on a subset of the corpus's texts and keeps only features that frequent in its subset,
   * so none of them needs a feature this leaves out.
   */
  public static FeatureDictionary of(Collection<String> features) {
    String[] sorted = features.toArray(new String[0]);
    Arrays.sort(sorted);
    char[] families = new char[sorted.length];
    for (int id = 0; id < sorted.length; id++) {
      families[id] = sorted[id].charAt(0);
    }
    return new FeatureDictionary(StringIds.of(sorted), families);
  }

  public int size() {
    return families.length;
  }

  /** Writes the features in id (string) order. */
  void write(SnapshotOutput out) {
    out.writeStrings(ids.strings());
  }

  /** Reads what {@link #write} wrote: the features in id order. */
  static FeatureDictionary read(SnapshotInput in) {
    List<String> byId = in.readStrings();
    StringIds ids = StringIds.of(byId);
    char[] families = new char[byId.size()];
    for (int id = 0; id < families.length; id++) {
      String feature = byId.get(id);
      if (feature.isEmpty() || id == ids.repeated()) {
        throw new SnapshotInput.Malformed(
            "expected distinct non-empty features but feature " + id + " was '" + feature + "'");
      }
      families[id] = feature.charAt(0);
    }
    return new FeatureDictionary(ids, families);
  }

  char family(int id) {
    return families[id];
  }

  /** The features this dictionary knows, as sorted ids with counts; others are dropped. */
  public Encoded encode(Map<String, Integer> features) {
    long[] packed = new long[features.size()];
    int n = 0;
    for (Map.Entry<String, Integer> e : features.entrySet()) {
      int id = ids.id(e.getKey());
      if (id >= 0) {
        packed[n++] = ((long) id << 32) | e.getValue();
      }
    }
    Arrays.sort(packed, 0, n);
    int[] out = new int[n];
    int[] counts = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = (int) (packed[i] >>> 32);
      counts[i] = (int) packed[i];
    }
    return new Encoded(out, counts);
  }
}
