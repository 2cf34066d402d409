package io.github.huashu.internal.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What counts as a question particle at the end of a text, for the near-example rule. */
class EngineTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "收到了吗", "收到了么", "好了嘛", "那退款呢", "收到了吗？", "收到了吗亲", "收到了吗，亲~", "收到了吗亲爱的", "到了吗哈哈", "到了吗呀！"
      })
  void endsInParticle_particleAtTheEnd_true(String text) {
    assertThat(Engine.endsInParticle(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "收到了",
        "收到了？",
        "给我补发一份吧？",
        "运费险是什么",
        "运费险是什么啊",
        "怎么",
        "就这么",
        "那么",
        "亲",
        "亲爱的",
        "",
        "吗了"
      })
  void endsInParticle_noParticleAtTheEnd_false(String text) {
    assertThat(Engine.endsInParticle(text)).isFalse();
  }
}
