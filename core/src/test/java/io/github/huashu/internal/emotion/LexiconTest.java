package io.github.huashu.internal.emotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LexiconTest {

  /** The hand-written scan for a clause said twice finds what the regular expression did. */
  @Test
  void saidTwice_agreesWithTheRegularExpression() {
    Pattern twice = Pattern.compile("(\\p{IsHan}{1,3}[吗呢啊没])[?,.!~ ]*\\1");
    assertThat(Lexicon.saidTwice("到了吗?到了吗?")).isEqualTo("到了吗?到了吗");
    assertThat(Lexicon.saidTwice("在吗在吗")).isEqualTo("在吗在吗");
    assertThat(Lexicon.saidTwice("到了吗?还没到")).isNull();
    char[] alphabet = {'到', '了', '吗', '呢', '没', '在', '?', ',', ' ', '!', 'a', '。'};
    Random random = new Random(11);
    for (int round = 0; round < 50_000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(16);
      for (int i = 0; i < length; i++) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      Matcher m = twice.matcher(text);
      String expected = m.find() ? m.group() : null;
      assertThat(Lexicon.saidTwice(text.toString())).as(text.toString()).isEqualTo(expected);
    }
  }
}
