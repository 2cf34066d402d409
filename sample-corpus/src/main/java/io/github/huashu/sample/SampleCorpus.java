package io.github.huashu.sample;

import io.github.huashu.CorpusException;
import io.github.huashu.EvalCase;
import io.github.huashu.KnowledgeBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The bundled sample corpus: every intent of the e-commerce customer-service taxonomy with its
 * bundle and examples, labelled real shopper messages (the training half), and separate files of
 * held-out questions for evaluation. It is what {@code huashu ask} answers from without {@code
 * --corpus}, and what a content editor copies to start a corpus of their own.
 *
 * <pre>{@code
 * KnowledgeBase kb = SampleCorpus.load();
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class SampleCorpus {

  private static final String CORPUS = "io/github/huashu/sample/corpus";
  private static final String HELD_OUT = "io/github/huashu/sample/eval/heldout.tsv";
  private static final String TYPOS = "io/github/huashu/sample/eval/typos.tsv";
  private static final String REAL_HELD_OUT = "io/github/huashu/sample/eval/real-heldout.tsv";

  /** Serialises opening and closing the jar file system the resources may live in. */
  private static final Object JAR_LOCK = new Object();

  private SampleCorpus() {}

  /**
   * Loads the sample corpus with the default options.
   *
   * @throws IllegalStateException if the bundled corpus is missing or broken (a packaging error)
   */
  public static KnowledgeBase load() {
    return load(KnowledgeBase.loader());
  }

  /**
   * Loads the sample corpus with the loader's options.
   *
   * @throws IllegalStateException if the bundled corpus is missing or broken (a packaging error)
   */
  public static KnowledgeBase load(KnowledgeBase.Loader loader) {
    return withResource(
        CORPUS + "/README.md",
        readme -> {
          try {
            return loader.load(readme.getParent());
          } catch (CorpusException e) {
            throw new IllegalStateException(
                "the bundled sample corpus does not load:\n" + e.getMessage(), e);
          }
        });
  }

  /**
   * The held-out questions (and out-of-scope questions labelled {@code _none}); never trained on.
   */
  public static List<EvalCase> heldOut() {
    return cases(HELD_OUT);
  }

  /**
   * The held-out half of the labelled real shopper messages (JD customer service, from the CSDS
   * dataset; see the file's header for the attribution): an intent id, {@code _none} or {@code
   * _context} for a fragment that needs the previous turn. Never trained on, never used to tune.
   */
  public static List<EvalCase> realHeldOut() {
    return cases(REAL_HELD_OUT);
  }

  /**
   * Held-out questions with the typos shoppers make with pinyin input methods (退活, 包由, tui款), none
   * of them spelt so in the corpus; never trained on.
   */
  public static List<EvalCase> typos() {
    return cases(TYPOS);
  }

  private static List<EvalCase> cases(String resource) {
    return withResource(
        resource,
        file -> {
          try {
            return EvalCase.read(file);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (CorpusException e) {
            throw new IllegalStateException(
                "the bundled file " + resource + " is malformed:\n" + e.getMessage(), e);
          }
        });
  }

  /** Copies the corpus files into a folder (created if needed), to start a corpus of one's own. */
  public static void copyTo(Path target) throws IOException {
    copyFolder(CORPUS + "/README.md", target);
  }

  /**
   * Copies the held-out files ({@code heldout.tsv}, {@code typos.tsv}, {@code real-heldout.tsv})
   * into a folder (created if needed), beside a copy of the corpus: questions to measure it on that
   * it was not trained on.
   */
  public static void copyHeldOutTo(Path target) throws IOException {
    copyFolder(HELD_OUT, target);
  }

  /** Copies every file of the resource folder that holds {@code member}. */
  private static void copyFolder(String member, Path target) throws IOException {
    Files.createDirectories(target);
    try {
      withResource(
          member,
          readme -> {
            Path dir = readme.getParent();
            try (Stream<Path> files = Files.list(dir)) {
              for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(
                    file,
                    target.resolve(file.getFileName().toString()),
                    StandardCopyOption.REPLACE_EXISTING);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            return null;
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private interface PathFunction<T> {
    T apply(Path path);
  }

  private static <T> T withResource(String name, PathFunction<T> action) {
    URL url = SampleCorpus.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalStateException("resource '" + name + "' is missing from the class path");
    }
    try {
      URI uri = url.toURI();
      if (!"jar".equals(uri.getScheme())) {
        return action.apply(Path.of(uri));
      }
      synchronized (JAR_LOCK) {
        FileSystem fs;
        boolean opened;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
          opened = true;
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
          opened = false;
        }
        try {
          return action.apply(fs.provider().getPath(uri));
        } finally {
          if (opened) {
            fs.close();
          }
        }
      }
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot open resource '" + name + "'", e);
    }
  }
}
