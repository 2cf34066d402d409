package io.github.huashu.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.huashu.DraftContext;
import io.github.huashu.Finding;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.analyzers.TypedText;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/** The draft checker ({@link KnowledgeBase#lintReply}) on any draft. */
class DraftFuzzTest {

  private static KnowledgeBase kb;

  @BeforeAll
  static void load() throws Exception {
    kb = KnowledgeBase.load(Path.of(DraftFuzzTest.class.getResource("/corpora/small").toURI()));
  }

  /**
   * Findings lie inside the draft, in order; invisible characters inserted anywhere (in the draft
   * and in the shopper's message) find the same problems over the same words.
   */
  @FuzzTest(maxDuration = "15s")
  void lintReply_anyDraft_findingsInsideIt_invisibleCharactersChangeNothing(byte[] input) {
    String draft = Texts.questionOf(input);
    String spiked = Texts.spiked(draft, Arrays.hashCode(input));
    DraftContext context = DraftContext.forIntent("returns.seven_day");

    List<Finding> plain = kb.lintReply(draft, context.withShopperMessage(draft)).findings();
    List<Finding> hidden = kb.lintReply(spiked, context.withShopperMessage(spiked)).findings();

    assertThat(plain).isSortedAccordingTo(Comparator.comparingInt(Finding::start));
    for (Finding f : plain) {
      assertThat(f.end()).isBetween(f.start(), draft.length());
    }
    assertThat(hidden).hasSameSizeAs(plain);
    for (int i = 0; i < plain.size(); i++) {
      Finding p = plain.get(i);
      Finding h = hidden.get(i);
      assertThat(h.rule()).isEqualTo(p.rule());
      assertThat(h.message()).isEqualTo(p.message());
      assertThat(h.end()).isBetween(h.start(), spiked.length());
      assertThat(TypedText.clean(spiked.substring(h.start(), h.end())))
          .isEqualTo(TypedText.clean(draft.substring(p.start(), p.end())));
    }
  }
}
