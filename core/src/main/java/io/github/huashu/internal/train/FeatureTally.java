package io.github.huashu.internal.train;

import io.github.huashu.internal.features.FeatureDictionary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The features of a corpus's training texts as the analysis meets them: each feature string gets a
 * provisional id on first sight, and each text keeps only its features' ids and counts. Once every
 * text is counted, the features frequent enough become the corpus's {@link FeatureDictionary} and
 * each text is encoded in it from its ids.
 *
 * <p>Every text's own feature map (tens of strings, boxed counts, a hash table) was held until the
 * dictionary was built: at 10,000 intents, 130,000 of them took more than a gigabyte, and loading
 * failed with a 1 GB heap before analysis ended. Here a text costs two int arrays.
 *
 * <p>Thread-safe: texts are counted from the load's pool.
 */
final class FeatureTally {

  /**
   * A text's features: distinct provisional ids, in no particular order (the encoder sorts the
   * final ones), and their counts.
   */
  record Counted(int[] ids, int[] counts) {}

  private final FeatureIds provisional = new FeatureIds();

  /** The feature map of one analysed text, by provisional id. */
  Counted count(Map<String, Integer> features) {
    int[] ids = new int[features.size()];
    int[] counts = new int[ids.length];
    int n = 0;
    for (Map.Entry<String, Integer> e : features.entrySet()) {
      ids[n] = provisional.id(e.getKey());
      counts[n++] = e.getValue();
    }
    return new Counted(ids, counts);
  }

  /**
   * The dictionary of the features of at least {@code minDocumentFrequency} of the counted texts,
   * and the encoder of counted texts into it. Call once every text is counted.
   */
  Encoder dictionary(List<Counted> texts, int minDocumentFrequency) {
    int features = provisional.size();
    int[] df = new int[features];
    for (Counted text : texts) {
      for (int id : text.ids()) {
        df[id]++;
      }
    }
    List<String> kept = new ArrayList<>();
    for (int id = 0; id < features; id++) {
      if (df[id] >= minDocumentFrequency) {
        kept.add(provisional.string(id));
      }
    }
    // The dictionary numbers its features in string order: the same order, sorted here, gives
    // each provisional id its final one.
    String[] sorted = kept.toArray(new String[0]);
    Arrays.sort(sorted);
    int[] finalId = new int[features];
    Arrays.fill(finalId, -1);
    for (int id = 0; id < sorted.length; id++) {
      finalId[provisional.id(sorted[id])] = id;
    }
    return new Encoder(FeatureDictionary.of(Arrays.asList(sorted)), finalId);
  }

  /** A dictionary and how to encode a counted text in it. */
  record Encoder(FeatureDictionary dictionary, int[] finalId) {

    /** The text's features the dictionary knows, as sorted ids with counts. */
    FeatureDictionary.Encoded encode(Counted text) {
      long[] packed = new long[text.ids().length];
      int n = 0;
      for (int i = 0; i < packed.length; i++) {
        int id = finalId[text.ids()[i]];
        if (id >= 0) {
          packed[n++] = ((long) id << 32) | text.counts()[i];
        }
      }
      Arrays.sort(packed, 0, n);
      int[] ids = new int[n];
      int[] counts = new int[n];
      for (int i = 0; i < n; i++) {
        ids[i] = (int) (packed[i] >>> 32);
        counts[i] = (int) packed[i];
      }
      return new FeatureDictionary.Encoded(ids, counts);
    }
  }
}
