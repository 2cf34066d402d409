package io.github.huashu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

  private static final List<String> QUESTIONS =
      List.of(
          "七天无理由退货怎么退？拆封了还能退吗",
          "運費誰出",
          "运费谁承担",
          "今天天气怎么样",
          "我的包裹到哪了",
          "能开发票吗",
          "忘记密码了怎么办",
          "拍错了帮我取消订单",
          "衣服小了能换大一码吗",
          "👍",
          "换货的运费谁出");

  @Test
  void suggest_eightThreadsAtOnce_giveTheSameAnswersAsOne() throws Exception {
    Suggester suggester = Suggester.builder(TestCorpora.small()).build();
    List<SuggestResult> expected = QUESTIONS.stream().map(suggester::suggest).toList();

    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<SuggestResult>>> futures = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int offset = t;
      futures.add(
          pool.submit(
              () -> {
                start.await();
                List<SuggestResult> answers = new ArrayList<>();
                for (int round = 0; round < 50; round++) {
                  for (int i = 0; i < QUESTIONS.size(); i++) {
                    answers.add(suggester.suggest(QUESTIONS.get((i + offset) % QUESTIONS.size())));
                  }
                }
                return answers;
              }));
    }
    start.countDown();
    for (int t = 0; t < 8; t++) {
      List<SuggestResult> answers = futures.get(t).get();
      for (int k = 0; k < answers.size(); k++) {
        assertThat(answers.get(k))
            .isEqualTo(expected.get((k % QUESTIONS.size() + t) % QUESTIONS.size()));
      }
    }
    pool.shutdown();
  }
}
