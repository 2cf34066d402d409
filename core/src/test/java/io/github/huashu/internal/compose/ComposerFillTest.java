package io.github.huashu.internal.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ComposerFillTest {

  private static final Map<String, String> FACTS = Map.of("订单号", " 123456 ", "a", "甲", "空", " ");

  @Test
  void fillsKnownPlaceholdersAndKeepsTheOthers() {
    Composer.Composed composed = Composer.fill("您的订单{订单号}已发出，预计{到达时间}送达，{订单号}。{ 不是 }{}", FACTS);
    assertEquals("您的订单123456已发出，预计{到达时间}送达，123456。{ 不是 }{}", composed.text());
    assertEquals(List.of("到达时间"), composed.unfilled());
    assertEquals("没有占位符", Composer.fill("没有占位符", FACTS).text());
    assertEquals(List.of("空"), Composer.fill("{空}", FACTS).unfilled());
  }

  /** The scan agrees with the regular expression it replaced, on random brace soup. */
  @Test
  void agreesWithTheRegularExpression() {
    Pattern placeholder = Pattern.compile("\\{([^{}\\s]{1,30})}");
    char[] alphabet = {'{', '}', ' ', '\n', 'a', '订', '单', '号', '\u3000'};
    Random random = new Random(42);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(60);
      for (int i = 0; i < length; i++) {
        // Long runs of name characters now and then, to cross the 30-character limit.
        if (random.nextInt(20) == 0) {
          text.append("单".repeat(25 + random.nextInt(10)));
        }
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String s = text.toString();
      Matcher m = placeholder.matcher(s);
      StringBuilder expected = new StringBuilder();
      Set<String> unfilled = new LinkedHashSet<>();
      while (m.find()) {
        String value = FACTS.get(m.group(1));
        if (value == null || value.isBlank()) {
          unfilled.add(m.group(1));
          m.appendReplacement(expected, Matcher.quoteReplacement(m.group()));
        } else {
          m.appendReplacement(expected, Matcher.quoteReplacement(value.strip()));
        }
      }
      m.appendTail(expected);
      Composer.Composed composed = Composer.fill(s, FACTS);
      assertEquals(expected.toString(), composed.text(), s);
      assertEquals(new ArrayList<>(unfilled), composed.unfilled(), s);
    }
  }
}
