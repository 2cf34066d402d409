package io.github.huashu.internal.corpus;

import io.github.huashu.Suggester;
import io.github.huashu.analyzers.ChineseNormalizer;
import java.util.Locale;

/**
 * How large a corpus and its parts may be, so that no file, however written, can make loading take
 * minutes or fail with anything but a located problem. The limits are far above what a hand-written
 * or exported corpus needs (the sample corpus: 14 files, the largest 89 KB, the longest example 317
 * characters). Nesting depth and number length are {@link TreeReader}'s, the id's length {@link
 * IntentIds}'s. Stateless.
 */
final class Limits {

  private Limits() {}

  /**
   * Characters (code points) of an example, at most: the longest question a suggester takes by
   * default. A longer example could never be matched as a question, and training time grows with an
   * example's length (a 250,000-character example took 37 s).
   */
  static final int MAX_EXAMPLE_LENGTH = Suggester.DEFAULT_MAX_QUESTION_LENGTH;

  /**
   * Characters (code points) of an intent's name, a term or a synonym, at most. They join the
   * segmenter's dictionary as words: a "word" of thousands of characters is a mistake, and one of
   * more than 32,766 bytes cannot be indexed at all.
   */
  static final int MAX_WORD_LENGTH = 100;

  /**
   * Bytes of a JSON or TSV file, at most: room for thousands of intents exported as JSON, or a TSV
   * chat log of 300,000 labelled lines (the sample's run to 53 bytes a line).
   */
  static final long MAX_FILE_BYTES = 16L << 20;

  /**
   * Bytes of a YAML file, at most. YAML is written by hand, and its parser scans a long unbroken
   * text in time that grows faster than its length (2 MB in one scalar: 1 s; 4 MB: 5 s; 25 MB:
   * minutes); larger corpora are split into files.
   */
  static final long MAX_YAML_BYTES = 2L << 20;

  /**
   * Bytes of all a corpus's files together, at most: four times the 10,000-intent corpus of the
   * benchmarks, which already needs 1.7 GB of heap to train.
   */
  static final long MAX_CORPUS_BYTES = 64L << 20;

  /** The most bytes a file of this name may have. */
  static long maxBytes(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml") ? MAX_YAML_BYTES : MAX_FILE_BYTES;
  }

  /** Why an example is too long, or null. */
  static String example(String text) {
    int length = text.codePointCount(0, text.length());
    return length <= MAX_EXAMPLE_LENGTH
        ? null
        : "is too long: expected at most "
            + MAX_EXAMPLE_LENGTH
            + " characters (as a question) but was "
            + length;
  }

  /**
   * Why a name, term or synonym cannot be a word of the dictionary, or null: too long, or nothing
   * left once emoji, control and format characters are dropped (as they are from every text before
   * matching).
   */
  static String word(String text) {
    int length = text.codePointCount(0, text.length());
    if (length > MAX_WORD_LENGTH) {
      return "is too long: expected at most " + MAX_WORD_LENGTH + " characters but was " + length;
    }
    if (ChineseNormalizer.normalize(text).isEmpty()) {
      return "has nothing to match: emoji, control and format characters are dropped before"
          + " matching";
    }
    return null;
  }

  /** A size for messages: whole megabytes with the exact bytes, or bytes. */
  static String size(long bytes) {
    return bytes % (1L << 20) == 0
        ? String.format(Locale.ROOT, "%d MB (%,d bytes)", bytes >> 20, bytes)
        : String.format(Locale.ROOT, "%,d bytes", bytes);
  }
}
