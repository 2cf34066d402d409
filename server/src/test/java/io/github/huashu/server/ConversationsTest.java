package io.github.huashu.server;

import static io.github.huashu.server.OpsFixtures.copyOfSmallCorpus;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.huashu.Conversation;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.Suggester;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the kept conversations may hold: places by count, and by the characters they keep. */
class ConversationsTest {

  @TempDir Path temp;

  @Test
  void longMessages_takeMorePlaces_andTheKeptTextStaysBounded() throws Exception {
    Suggester suggester =
        Suggester.builder(KnowledgeBase.load(copyOfSmallCorpus(temp.resolve("corpus")))).build();
    Conversations roomy = new Conversations(10, Duration.ofMinutes(30));
    Conversations tight = new Conversations(5, Duration.ofMinutes(30));
    for (Conversations kept : new Conversations[] {roomy, tight}) {
      for (String id : new String[] {"a", "b", "c"}) {
        suggester.suggest(kept.get("acme", id), "发票怎么开");
        kept.grown("acme", id);
      }
      // Four turns of 1,000 characters: four places.
      Conversation heavy = kept.get("acme", "heavy");
      for (int i = 0; i < 4; i++) {
        suggester.suggest(heavy, "发票怎么开" + "啊".repeat(995));
        kept.grown("acme", "heavy");
      }
      assertThat(Conversations.places(heavy)).isEqualTo(4);
    }

    // Weighed again as it grew: three places and four.
    assertThat(roomy.places()).isEqualTo(7);
    // Over five places, the least recently used went.
    assertThat(tight.places()).isLessThanOrEqualTo(5);
    assertThat(tight.conversations()).isLessThan(4);
  }

  @Test
  void places_shortConversation_one() throws Exception {
    Suggester suggester =
        Suggester.builder(KnowledgeBase.load(copyOfSmallCorpus(temp.resolve("corpus")))).build();
    Conversation c = Conversation.start("c");

    assertThat(Conversations.places(c)).isEqualTo(1);
    suggester.suggest(c, "发票怎么开");
    assertThat(Conversations.places(c)).isEqualTo(1);
  }
}
