package io.github.huashu.internal.retrieve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/** One field's analysis of a text: its terms with their position increments. */
public record Tokens(String[] terms, int[] increments) {

  /** What the analyzer makes of the text. */
  public static Tokens of(Analyzer analyzer, String text) {
    return of(analyzer, text, null);
  }

  /**
   * What the analyzer makes of the text, each term replaced by its equal in {@code canonical}
   * (added if absent): a corpus's examples hold millions of tokens but few distinct ones, and
   * holding a copy of each through training made the collector a tenth of the load time.
   */
  public static Tokens of(Analyzer analyzer, String text, ConcurrentMap<String, String> canonical) {
    List<String> terms = new ArrayList<>();
    List<Integer> increments = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        String value = term.toString();
        if (canonical != null) {
          // A lookup first: most words are known, and a lookup writes nothing the other
          // threads' caches must then fetch again (putIfAbsent locks the word's bin).
          String known = canonical.get(value);
          if (known == null) {
            known = canonical.putIfAbsent(value, value);
          }
          value = known == null ? value : known;
        }
        terms.add(value);
        increments.add(increment.getPositionIncrement());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysis of an in-memory string failed", e);
    }
    return new Tokens(
        terms.toArray(new String[0]), increments.stream().mapToInt(Integer::intValue).toArray());
  }
}
