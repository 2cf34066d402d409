package io.github.huashu.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.huashu.CorpusException;
import io.github.huashu.CorpusProblem;
import io.github.huashu.Intent;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.Suggester;
import io.github.huashu.analyzers.ChineseNormalizer;
import io.github.huashu.internal.corpus.Corpus;
import io.github.huashu.internal.corpus.CorpusReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Any file in a corpus folder: reading gives a corpus or problems, never an exception (but an
 * IOException from the disk); problems are located in the files there are and quote no line breaks
 * or invisible characters; a corpus the reader accepts is one the trainer can take; and loading
 * gives a knowledge base or a {@link CorpusException}, nothing else.
 *
 * <p>The input's first byte chooses the file's kind ({@code j} JSON, {@code t} TSV, anything else
 * YAML), the rest is its content; a valid YAML file lies beside it, so that the checks across files
 * run too. Seed inputs, shared by both targets, are in {@code CorpusReaderFuzzTestInputs}. Fuzz one
 * target at a time: {@code JAZZER_FUZZ=1 ./mvnw -pl core test
 * -Dtest=CorpusReaderFuzzTest#read_anyFile} (about 400 inputs a second; {@code load_anyFile} trains
 * on each, a few a second).
 */
class CorpusReaderFuzzTest {

  private static final String BESIDE =
      "intents:\n"
          + "  - id: order.cancel\n"
          + "    name: 取消订单\n"
          + "    terms: [取消]\n"
          + "    examples: [我要取消订单, 订单不要了]\n";

  @FuzzTest(maxDuration = "60s")
  void read_anyFile(byte[] input) throws IOException {
    if (input.length == 0) {
      return;
    }
    Path dir = folder(input);
    try {
      CorpusReader.Result result = CorpusReader.read(dir);

      List<CorpusProblem> errors = result.problems().list(CorpusProblem.Severity.ERROR);
      assertThat(result.corpus() == null).isEqualTo(!errors.isEmpty());
      for (CorpusProblem problem : errors) {
        assertThat(problem.file()).isIn("fuzzed." + kind(input), "beside.yaml", "");
        assertThat(problem.message()).doesNotContain("\n", "\r").hasSizeLessThan(2_000);
        problem.message().codePoints().forEach(c -> assertThat(invisible(c)).isFalse());
      }
      if (result.corpus() != null) {
        assertTrainable(result.corpus());
      }
    } finally {
      delete(dir);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void load_anyFile(byte[] input) throws IOException {
    if (input.length == 0) {
      return;
    }
    Path dir = folder(input);
    try {
      KnowledgeBase.load(dir);
    } catch (CorpusException e) {
      assertThat(e.problems()).isNotEmpty();
    } finally {
      delete(dir);
    }
  }

  private static String kind(byte[] input) {
    return input[0] == 'j' ? "json" : input[0] == 't' ? "tsv" : "yaml";
  }

  /** A corpus folder of the fuzzed file and a valid one beside it. */
  private static Path folder(byte[] input) throws IOException {
    Path dir = Files.createTempDirectory("huashu-fuzz");
    Files.write(dir.resolve("fuzzed." + kind(input)), Arrays.copyOfRange(input, 1, input.length));
    Files.writeString(dir.resolve("beside.yaml"), BESIDE, StandardCharsets.UTF_8);
    return dir;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** What training needs of a corpus: examples no longer than questions, words that match. */
  private static void assertTrainable(Corpus corpus) {
    for (Intent intent : corpus.intents()) {
      assertThat(intent.id()).matches("[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*").hasSizeLessThan(65);
      for (String example : intent.examples()) {
        assertThat(example.codePointCount(0, example.length()))
            .isBetween(1, Suggester.DEFAULT_MAX_QUESTION_LENGTH);
      }
      if (!intent.name().equals(intent.id())) {
        assertThat(ChineseNormalizer.normalize(intent.name())).isNotEmpty();
      }
      intent.terms().forEach(t -> assertThat(ChineseNormalizer.normalize(t)).isNotEmpty());
    }
    for (List<String> group : corpus.synonyms()) {
      group.forEach(word -> assertThat(ChineseNormalizer.normalize(word)).isNotEmpty());
      assertThat(group.stream().map(ChineseNormalizer::normalize).distinct().count())
          .isGreaterThanOrEqualTo(2);
    }
    for (String negative : corpus.negatives()) {
      assertThat(negative.codePointCount(0, negative.length()))
          .isBetween(1, Suggester.DEFAULT_MAX_QUESTION_LENGTH);
    }
  }

  private static boolean invisible(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.SURROGATE
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}
