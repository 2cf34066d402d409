package io.github.huashu.internal.corpus;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.huashu.CorpusProblem;
import io.github.huashu.internal.normalize.MessageMetadata;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Reads a corpus folder: YAML or JSON scenario files and TSV files of labelled examples. Reports
 * every problem it finds with file, line, column and field; validates across files (duplicate ids,
 * unknown related ids, intents without examples). Stateless and thread-safe.
 */
public final class CorpusReader {

  private CorpusReader() {}

  /**
   * Reads the corpus; the result holds either the corpus or the problems that stop it. Whatever the
   * files hold, the problems say what is wrong with them, located where possible.
   *
   * @throws IOException only when the folder itself cannot be resolved on the disk
   */
  public static Result read(Path dir) throws IOException {
    Problems problems = new Problems();
    if (!Files.isDirectory(dir)) {
      problems.error(
          dir.toString(),
          0,
          0,
          "",
          Files.exists(dir)
              ? "expected a corpus folder but found a file"
              : "corpus folder does not exist");
      return new Result(null, problems);
    }
    List<CorpusFiles.File> files = CorpusFiles.list(dir, problems);
    if (files.isEmpty()) {
      if (!problems.hasErrors()) {
        problems.error(
            dir.toString(),
            0,
            0,
            "",
            "no scenario files (*.yaml, *.yml, *.json, *.tsv) in the folder");
      }
      return new Result(null, problems);
    }

    MessageDigest digest = sha256();
    List<Draft> drafts = new ArrayList<>();
    List<ExampleLines.Line> tsv = new ArrayList<>();
    List<List<String>> synonyms = new ArrayList<>();
    List<ScenarioFile.StyleAt> styles = new ArrayList<>();
    List<MessageMetadata.Rule> metadata = new ArrayList<>();
    long total = 0;
    for (CorpusFiles.File file : files) {
      String name = file.name();
      byte[] bytes = CorpusFiles.read(file, Limits.maxBytes(name), problems);
      if (bytes == null) {
        continue;
      }
      total += bytes.length;
      if (total > Limits.MAX_CORPUS_BYTES) {
        problems.error(
            name,
            0,
            0,
            "",
            "the corpus is too large: expected at most "
                + Limits.size(Limits.MAX_CORPUS_BYTES)
                + " in all its files, but this one brings it to "
                + Limits.size(total)
                + " (the files after it were not read)");
        break;
      }
      digest.update(name.getBytes(UTF_8));
      digest.update((byte) 0);
      digest.update(bytes);
      digest.update((byte) 0);
      String text = CorpusFiles.decode(bytes, name, problems);
      if (text == null) {
        continue;
      }
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".tsv")) {
        ExampleLines.read(text, name, tsv, problems);
      } else {
        Node root =
            new TreeReader(problems, name).read(new StringReader(text), !lower.endsWith(".json"));
        if (root != null) {
          ScenarioFile.read(root, name, drafts, synonyms, styles, metadata, problems);
        }
      }
    }
    String version = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    Corpus corpus = CorpusAssembly.assemble(drafts, tsv, synonyms, metadata, version, problems);
    if (styles.size() > 1) {
      ScenarioFile.StyleAt first = styles.get(0);
      for (ScenarioFile.StyleAt again : styles.subList(1, styles.size())) {
        problems.error(
            again.file(),
            again.line(),
            again.column(),
            "style",
            "'style' is already defined at "
                + first.file()
                + ":"
                + first.line()
                + ":"
                + first.column()
                + " (a corpus has one style section)");
      }
    }
    if (corpus != null && !styles.isEmpty()) {
      corpus = corpus.withStyle(styles.get(0).style());
    }
    return new Result(problems.hasErrors() ? null : corpus, problems);
  }

  /** The outcome of reading: a corpus when there were no errors, and all problems found. */
  public record Result(Corpus corpus, Problems problems) {

    /** A result with one problem and no corpus. */
    public static Result failed(CorpusProblem problem) {
      Problems problems = new Problems();
      problems.add(problem);
      return new Result(null, problems);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
