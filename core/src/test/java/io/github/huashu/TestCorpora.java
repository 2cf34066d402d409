package io.github.huashu;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The corpora under {@code src/test/resources/corpora}, loaded once per JVM. */
final class TestCorpora {

  private static KnowledgeBase small;

  private TestCorpora() {}

  static Path path(String name) {
    try {
      return Path.of(TestCorpora.class.getResource("/corpora/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The small after-sales corpus: 8 intents, two of them (退货运费, 换货运费) deliberately close. */
  static synchronized KnowledgeBase small() {
    if (small == null) {
      try {
        small = KnowledgeBase.load(path("small"));
      } catch (CorpusException e) {
        throw new IllegalStateException(e);
      }
    }
    return small;
  }
}
