package io.github.huashu.internal.features;

/**
 * How much each feature family counts before normalisation. Words carry the most meaning; character
 * grams and pinyin carry robustness to segmentation errors and typos. Immutable.
 */
public record FamilyWeights(
    double word,
    double wordPair,
    double char1,
    double char2,
    double char3,
    double pinyin,
    double synonym) {

  public static final FamilyWeights DEFAULT = new FamilyWeights(1.0, 0.5, 0.6, 1.0, 0.6, 1.0, 0.5);

  double of(char family) {
    switch (family) {
      case Featurizer.WORD:
        return word;
      case Featurizer.WORD_PAIR:
        return wordPair;
      case Featurizer.CHAR1:
        return char1;
      case Featurizer.CHAR2:
        return char2;
      case Featurizer.CHAR3:
        return char3;
      case Featurizer.PINYIN:
        return pinyin;
      case Featurizer.SYNONYM:
        return synonym;
      default:
        throw new IllegalArgumentException("unknown feature family '" + family + "'");
    }
  }
}
