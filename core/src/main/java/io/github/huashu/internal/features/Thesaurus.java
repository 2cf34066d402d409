package io.github.huashu.internal.features;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The semantic classes of a word from the extended Tongyici Cilin (同义词词林) that HanLP ships as
 * {@code CoreSynonym.txt}: 碎, 破损 and 烂 share a class, so do 降价 and 跌价. Matching on classes lets a
 * question match an example that says the same with other words. Loaded once; immutable.
 */
final class Thesaurus {

  private static final String RESOURCE = "data/dictionary/synonym/CoreSynonym.txt";

  /**
   * Cilin codes are 8 characters: 7 of class, then '=' (synonyms), '#' (related) or '@' (alone).
   */
  private static final int CODE = 7;

  private static volatile Map<String, String[]> classes;

  private Thesaurus() {}

  /** The 7-character class codes of a word (empty if it is not in the thesaurus). */
  static String[] classes(String word) {
    String[] codes = table().get(word);
    return codes == null ? NONE : codes;
  }

  private static final String[] NONE = new String[0];

  private static Map<String, String[]> table() {
    Map<String, String[]> t = classes;
    if (t == null) {
      synchronized (Thesaurus.class) {
        t = classes;
        if (t == null) {
          t = load();
          classes = t;
        }
      }
    }
    return t;
  }

  private static Map<String, String[]> load() {
    Map<String, List<String>> byWord = new HashMap<>();
    try (InputStream in = Thesaurus.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "HanLP's thesaurus '" + RESOURCE + "' is not on the class path");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        // Only synonym sets ('='): "related" sets ('#') group words that differ in meaning.
        if (line.length() <= CODE + 1 || line.charAt(CODE) != '=') {
          continue;
        }
        String code = line.substring(0, CODE);
        for (String word : line.substring(CODE + 1).trim().split(" ")) {
          if (word.length() > 1) {
            byWord.computeIfAbsent(word, w -> new ArrayList<>(2)).add(code);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    Map<String, String[]> table = new HashMap<>(byWord.size() * 2);
    byWord.forEach((word, codes) -> table.put(word, codes.toArray(new String[0])));
    return table;
  }
}
