package io.github.huashu;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's reload loop, as written: catching {@link CorpusException} is enough to keep the old
 * corpus serving whatever the new one holds.
 */
class ReloadTest {

  @TempDir Path dir;
  @TempDir Path elsewhere;

  private final AtomicReference<Suggester> serving = new AtomicReference<>();

  /** The README's loop body. */
  private boolean reload() {
    try {
      serving.set(Suggester.builder(KnowledgeBase.load(dir)).build());
      return true;
    } catch (CorpusException e) {
      return false; // the old knowledge base keeps serving
    }
  }

  @Test
  void reload_everyKindOfBrokenCorpus_oldOneKeepsServing() throws IOException {
    Path file = dir.resolve("a.yaml");
    Files.writeString(
        file,
        "intents:\n  - id: order.cancel\n    name: 取消订单\n    examples: [我要取消订单, 订单不要了]\n",
        UTF_8);
    assertThat(reload()).isTrue();
    String version = serving.get().knowledgeBase().version();
    Files.writeString(elsewhere.resolve("secret.tsv"), "机密\torder.cancel\n", UTF_8);

    List<String> broken =
        List.of(
            "intents:\n  - id: order.cancel\n    name: 取消订单\n    examples: ["
                + "a".repeat(32_767)
                + "]\n",
            "intents:\n  - id: order.cancel\n    name: 取消订单\n    terms: [\"😡\"]\n    examples: [取消]\n",
            "intents:\n  - id: \"a\\u200Bb\"\n    name: x\n    examples: [取消]\n",
            "x: &n 取消\nintents:\n  - id: order.cancel\n    name: 取消订单\n    examples: [*n]\n",
            "intents: []\n---\nintents: []\n",
            "intents:\n  - id: order.cancel\n    nmae: 取消订单\n    examples: [取消]\n");
    for (String content : broken) {
      Files.writeString(file, content, UTF_8);

      assertThat(reload()).as(content.substring(0, Math.min(60, content.length()))).isFalse();
      assertThat(serving.get().knowledgeBase().version()).isEqualTo(version);
      assertThat(serving.get().suggest("我要取消订单").answer()).isPresent();
    }
    Files.writeString(
        file,
        "intents:\n  - id: order.cancel\n    name: 取消订单\n    examples: [我要取消订单, 订单不要了]\n",
        UTF_8);
    Files.createSymbolicLink(dir.resolve("x.tsv"), elsewhere.resolve("secret.tsv"));
    assertThat(reload()).isFalse();
    assertThat(serving.get().knowledgeBase().version()).isEqualTo(version);
  }
}
