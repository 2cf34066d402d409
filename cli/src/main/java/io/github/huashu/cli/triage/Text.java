package io.github.huashu.cli.triage;

import io.github.huashu.analyzers.ChineseNormalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The forms of a message that folding and clustering compare. Stateless. */
final class Text {

  private Text() {}

  /**
   * The form under which two messages are the same message: {@link ChineseNormalizer#normalize}
   * (half-width, Simplified, lower case, no emoji), then only letters and digits kept, every run of
   * digits folded to one {@code 0} (order numbers, amounts, dates). A message with no letter or
   * digit ("？？？") keeps its normalised form.
   */
  static String key(String message) {
    String normalized = ChineseNormalizer.normalize(message);
    StringBuilder key = new StringBuilder(normalized.length());
    boolean inNumber = false;
    for (int i = 0; i < normalized.length(); ) {
      int c = normalized.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isDigit(c)) {
        if (!inNumber) {
          key.append('0');
        }
        inNumber = true;
      } else {
        inNumber = false;
        if (Character.isLetter(c)) {
          key.appendCodePoint(c);
        }
      }
    }
    if (key.length() > 0) {
      return key.toString();
    }
    return normalized.isEmpty() ? message.strip() : normalized;
  }

  /** The character bigrams of a key; a key of one character is its own only feature. */
  static Set<String> bigrams(String key) {
    int[] cps = key.codePoints().toArray();
    Set<String> grams = new LinkedHashSet<>();
    if (cps.length == 1) {
      grams.add(key);
    }
    for (int i = 0; i + 1 < cps.length; i++) {
      grams.add(new String(cps, i, 2));
    }
    return grams;
  }

  /** The characters and character bigrams of a key: what clustering weighs. */
  static List<String> gramsForClustering(String key) {
    int[] cps = key.codePoints().toArray();
    Set<String> grams = new LinkedHashSet<>();
    for (int i = 0; i < cps.length; i++) {
      grams.add(new String(cps, i, 1));
      if (i + 1 < cps.length) {
        grams.add(new String(cps, i, 2));
      }
    }
    return new ArrayList<>(grams);
  }
}
