package io.github.huashu;

import java.util.List;
import java.util.Objects;

/**
 * Why an intent was suggested.
 *
 * @param matchedTerms words of the question that the intent's examples or terms also use
 * @param nearestExample the intent's example most like the question, or {@code ""}
 * @param similarity character-gram similarity to that example, in [0, 1]
 * @param classifierProbability the intent classifier's probability, in [0, 1]
 * @param retrievalScore the best BM25 score of the intent's examples (0 if none was retrieved)
 *     <p>Immutable.
 */
public record Explanation(
    List<String> matchedTerms,
    String nearestExample,
    double similarity,
    double classifierProbability,
    double retrievalScore) {

  public Explanation {
    matchedTerms = List.copyOf(matchedTerms);
    Objects.requireNonNull(nearestExample, "nearestExample");
  }
}
