package io.github.huashu.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.huashu.Bundle;
import io.github.huashu.Decision;
import io.github.huashu.DraftContext;
import io.github.huashu.DraftReport;
import io.github.huashu.Finding;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.SuggestResult;
import io.github.huashu.Suggester;
import io.github.huashu.sample.SampleCorpus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The playground ({@code GET /}) in Debian's headless chromium against the real server on a
 * loopback port, on the sample corpus: what a content editor types and sees. What the page must
 * show is taken from the library itself (a suggester and the draft checker on the same knowledge
 * base), not written down here. Skipped when chromium or chromedriver is not installed.
 */
class PlaygroundTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir static Path profile;

  private static KnowledgeBase kb;
  private static Suggester suggester;
  private static SuggestionServer server;
  private static WebDriver browser;

  @BeforeAll
  static void start() {
    assumeThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as(
            "skipped: the browser test needs Debian's chromium and chromium-driver"
                + " (/usr/bin/chromium, /usr/bin/chromedriver)")
        .isTrue();
    kb = SampleCorpus.load();
    suggester = Suggester.builder(kb).build();
    server = SuggestionServer.builder().knowledgeBase(kb).port(0).build().start();

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=1280,2400");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.stop();
    }
  }

  @BeforeEach
  void openThePage() {
    browser.get("http://127.0.0.1:" + server.port() + "/");
    await().until(b -> "true".equals(body().getAttribute("data-ready")));
  }

  @Test
  void question_showsTheDecisionTheTopIntentAndItsBundle() {
    String question = "七天无理由退货怎么退";
    SuggestResult expected = suggester.suggest(question);
    assertThat(expected.decision()).isEqualTo(Decision.MATCH);

    ask(question, Keys.ENTER);

    assertThat(byId("decision").getText()).isEqualTo("MATCH");
    assertThat(byId("decision").getAttribute("class")).contains("decision-MATCH");
    List<WebElement> suggestions = browser.findElements(By.cssSelector("#suggestions > li"));
    assertThat(suggestions).hasSize(expected.suggestions().size());
    WebElement top = suggestions.get(0);
    String topIntent = expected.suggestions().get(0).intent().id();
    assertThat(top.getAttribute("data-intent")).isEqualTo(topIntent);
    assertThat(top.findElement(By.cssSelector(".intent-id")).getText()).isEqualTo(topIntent);
    assertThat(
            Double.parseDouble(
                top.findElement(By.cssSelector(".confidence")).getAttribute("data-value")))
        .isCloseTo(expected.suggestions().get(0).confidence(), offset(1e-4));

    Bundle bundle = expected.suggestions().get(0).intent().bundle();
    assertThat(top.findElement(By.cssSelector(".diagnosis")).getText())
        .isEqualTo(bundle.diagnosis());
    assertThat(top.findElements(By.cssSelector(".solution li")))
        .extracting(WebElement::getText)
        .containsExactlyElementsOf(bundle.solution());
    assertThat(top.findElement(By.cssSelector(".risk-tip")).getText()).isEqualTo(bundle.riskTip());
    assertThat(top.findElement(By.cssSelector(".department")).getText())
        .startsWith(bundle.department())
        .contains(bundle.collaborators());
    assertThat(top.findElement(By.cssSelector(".why")).getText())
        .contains(expected.suggestions().get(0).why().nearestExample());

    assertThat(byId("reply").getAttribute("data-text")).isEqualTo(expected.reply());
    assertThat(byId("emotion-label").getAttribute("data-label"))
        .isEqualTo(expected.emotion().label().name());
    assertThat(byId("kb-version").getText()).isEqualTo(kb.version());
    assertThat(byId("result").getAttribute("aria-live")).isEqualTo("polite");
  }

  @Test
  void question_angryWithAnOrderNumber_showsTheEmotionItsSignalsAndTheFacts() {
    String question = "你们太过分了！！等了一个星期还没发货，订单123456789";
    SuggestResult expected = suggester.suggest(question);
    assertThat(expected.facts()).isNotEmpty();
    assertThat(expected.emotion().signals()).isNotEmpty();

    ask(question, Keys.ENTER);

    assertThat(byId("decision").getText()).isEqualTo(expected.decision().name());
    assertThat(byId("emotion-label").getAttribute("data-label"))
        .isEqualTo(expected.emotion().label().name());
    assertThat(byId("emotion-intensity-value").getText())
        .isEqualTo(String.valueOf(expected.emotion().intensity()));
    List<WebElement> signals = browser.findElements(By.cssSelector("#emotion-signals li q"));
    assertThat(signals)
        .extracting(WebElement::getText)
        .containsExactlyElementsOf(
            expected.emotion().signals().stream().map(s -> s.text()).toList());
    List<String> facts =
        browser.findElements(By.cssSelector("#facts dt, #facts dd")).stream()
            .map(WebElement::getText)
            .toList();
    List<String> expectedFacts =
        expected.facts().entrySet().stream()
            .flatMap(e -> Stream.of(e.getKey(), e.getValue()))
            .toList();
    assertThat(facts).isEqualTo(expectedFacts);
  }

  @Test
  void question_withMarkupOutOfScope_showsFallbackAndTheMarkupAsText() {
    String question = "<img src=x onerror=\"document.title='pwned'\">红烧肉怎么做";
    SuggestResult expected = suggester.suggest(question);
    assertThat(expected.decision()).isEqualTo(Decision.FALLBACK);

    ask(question, null);
    byId("ask-button").click();
    await().until(b -> question.equals(byId("echo-question").getText()));

    assertThat(byId("decision").getText()).isEqualTo("FALLBACK");
    assertThat(byId("reason").getText()).isEqualTo(expected.reason());
    assertThat(byId("no-suggestions").isDisplayed()).isTrue();
    assertThat(browser.findElements(By.cssSelector("#suggestions > li"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();
    assertThat(browser.getTitle()).doesNotContain("pwned");
  }

  @Test
  void conversationMode_keepsTheTurns() {
    byId("conversation").click();
    ask("我的快递到哪了", Keys.ENTER);
    await().until(b -> b.findElements(By.cssSelector("#turns li")).size() == 1);
    ask("能开发票吗", Keys.ENTER);
    await().until(b -> b.findElements(By.cssSelector("#turns li")).size() == 2);

    assertThat(browser.findElements(By.cssSelector("#turns .turn-question")))
        .extracting(WebElement::getText)
        .containsExactly("我的快递到哪了", "能开发票吗");
    assertThat(byId("question").getAttribute("value")).isEmpty();
  }

  /**
   * The marking of findings, on exactly the JSON core writes ({@link DraftReport#toJson()}), runs
   * whether or not this branch's server has {@code /v1/lint-reply}: the page's request is answered
   * in the page with the report of the knowledge base's draft checker. Keeps the screenshot.
   */
  @Test
  void draft_withTheCheckersReport_marksEveryFindingInTheText() throws IOException {
    String question = "你们太过分了！！等了一个星期还没发货";
    ask(question, Keys.ENTER);
    String intent = byId("draft-intent").getAttribute("value");
    assertThat(intent).isEqualTo(suggester.suggest(question).suggestions().get(0).intent().id());
    assertThat(byId("draft-message").getAttribute("value")).isEqualTo(question);
    String draft = "这不是我们的问题，很快处理，不可能给你退";
    DraftReport report = kb.lintReply(draft, new DraftContext(intent, question));
    assertThat(report.findings())
        .extracting(Finding::rule)
        .contains(Finding.Rule.NEGATIVE_PHRASE, Finding.Rule.NO_EMPATHY);
    ((JavascriptExecutor) browser)
        .executeScript(
            "const report = arguments[0]; const realFetch = window.fetch;"
                + "window.fetch = (url, init) => {"
                + "  if (url !== '/v1/lint-reply') { return realFetch(url, init); }"
                + "  window.lintRequest = JSON.parse(init.body);"
                + "  return Promise.resolve(new Response(report,"
                + "    {status: 200, headers: {'Content-Type': 'application/json'}}));"
                + "};",
            report.toJson());

    byId("draft").sendKeys(draft);
    byId("lint-button").click();
    await().until(b -> byId("draft-status").getAttribute("data-findings") != null);

    Object sent = ((JavascriptExecutor) browser).executeScript("return window.lintRequest");
    assertThat(sent)
        .isEqualTo(Map.of("draft", draft, "intent", intent, "shopper_message", question));
    assertMarked(draft, report);
    screenshot(Path.of("target", "playground.png"));
  }

  /**
   * The same against the server's own {@code /v1/lint-reply}, with the intent and the message the
   * page fills in from the last answer; skipped while the server answers 404 there.
   */
  @Test
  void draft_againstTheServer_marksTheBlacklistedPhrase() throws Exception {
    HttpResponse<String> probe =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/v1/lint-reply"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"draft\":\"好的\"}", UTF_8))
                    .build(),
                HttpResponse.BodyHandlers.ofString(UTF_8));
    assumeThat(probe.statusCode())
        .as("skipped: this server has no POST /v1/lint-reply yet")
        .isNotEqualTo(404);
    String question = "七天无理由退货怎么退";
    ask(question, Keys.ENTER);
    String intent = byId("draft-intent").getAttribute("value");
    assertThat(intent).isEqualTo(suggester.suggest(question).suggestions().get(0).intent().id());
    String draft = "这不是我们的问题，你自己看规则";
    DraftReport report = kb.lintReply(draft, new DraftContext(intent, question));
    assertThat(report.findings())
        .extracting(Finding::rule)
        .contains(Finding.Rule.NEGATIVE_PHRASE, Finding.Rule.MISSING_CONDITION);

    byId("draft").sendKeys(draft);
    byId("draft").sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    await().until(b -> byId("draft-status").getAttribute("data-findings") != null);

    assertMarked(draft, report);
  }

  /** Each finding marked over its span (a caret where start == end) and listed with its rule. */
  private static void assertMarked(String draft, DraftReport report) {
    WebElement marked = byId("draft-marked");
    assertThat(marked.isDisplayed()).isTrue();
    List<Finding> findings = report.findings();
    for (int n = 1; n <= findings.size(); n++) {
      Finding f = findings.get(n - 1);
      String number = String.valueOf(n);
      if (f.start() == f.end()) {
        assertThat(marked.findElements(By.cssSelector(".caret[data-finding='" + n + "']")))
            .as("caret of finding %s", f)
            .hasSize(1);
        continue;
      }
      String covered =
          marked.findElements(By.cssSelector("mark")).stream()
              .filter(
                  m -> Arrays.asList(m.getAttribute("data-finding").split(" ")).contains(number))
              .peek(m -> assertThat(m.getAttribute("data-rule").split(" ")).contains(f.rule().id()))
              .map(WebElement::getText)
              .reduce("", String::concat);
      assertThat(covered)
          .as("marked text of finding %s", f)
          .isEqualTo(draft.substring(f.start(), f.end()));
    }
    String shownWithoutCarets =
        (String)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "const copy = arguments[0].cloneNode(true);"
                        + "copy.querySelectorAll('.caret').forEach(c => c.remove());"
                        + "return copy.textContent;",
                    marked);
    assertThat(shownWithoutCarets).isEqualTo(draft);

    List<WebElement> items = browser.findElements(By.cssSelector("#findings li.finding"));
    assertThat(items)
        .extracting(i -> i.getAttribute("data-rule"))
        .containsExactlyElementsOf(findings.stream().map(f -> f.rule().id()).toList());
    for (int i = 0; i < items.size(); i++) {
      assertThat(items.get(i).findElement(By.cssSelector(".message")).getText())
          .isEqualTo(findings.get(i).message());
    }
    assertThat(byId("draft-status").getAttribute("data-findings"))
        .isEqualTo(String.valueOf(findings.size()));
  }

  /**
   * On a server with a keys file, the first call answers 401: the page shows the key field; with
   * the key saved the same question is answered, and the key is kept in this tab's sessionStorage
   * (sent as a bearer token), not in a cookie or localStorage.
   */
  @Test
  void keysFile_401ShowsTheKeyField_savedKeyIsSent(@TempDir Path dir) throws Exception {
    ApiKeys.NewKey key = ApiKeys.newKey("editors", "100/s", "client");
    Path keysFile = dir.resolve("keys.txt");
    Files.writeString(keysFile, key.line() + "\n", UTF_8);
    SuggestionServer keyed =
        SuggestionServer.builder()
            .knowledgeBase(kb)
            .apiKeys(ApiKeys.read(keysFile))
            .port(0)
            .build()
            .start();
    try {
      browser.get("http://127.0.0.1:" + keyed.port() + "/");
      await().until(b -> "true".equals(body().getAttribute("data-ready")));
      assertThat(byId("key-form").isDisplayed()).isFalse();
      String question = "七天无理由退货怎么退";

      byId("question").sendKeys(question, Keys.ENTER);
      await().until(b -> byId("ask-error").isDisplayed());

      assertThat(byId("ask-error").getText()).contains("Missing or unknown API key");
      assertThat(byId("key-form").isDisplayed()).isTrue();
      assertThat(byId("key-status").getText()).isEqualTo("本服务需要 API 密钥，请输入后保存");
      assertThat(byId("result").isDisplayed()).isFalse();
      screenshot(Path.of("target", "playground-key.png"));

      byId("api-key").sendKeys(key.key(), Keys.ENTER);
      byId("ask-button").click();
      await()
          .until(
              b ->
                  question.equals(byId("echo-question").getText())
                      && "false".equals(byId("result").getAttribute("aria-busy")));

      assertThat(byId("ask-error").isDisplayed()).isFalse();
      assertThat(byId("decision").getText())
          .isEqualTo(suggester.suggest(question).decision().name());
      JavascriptExecutor js = (JavascriptExecutor) browser;
      assertThat(js.executeScript("return sessionStorage.getItem('huashu.apiKey')"))
          .isEqualTo(key.key());
      assertThat(js.executeScript("return localStorage.length + document.cookie.length"))
          .isEqualTo(0L);

      browser.navigate().refresh();
      await().until(b -> "true".equals(body().getAttribute("data-ready")));
      assertThat(byId("key-form").isDisplayed()).isTrue();
      assertThat(byId("api-key").getAttribute("value")).isEqualTo(key.key());
    } finally {
      keyed.stop();
    }
  }

  /** Types a question and sends it with the key, or leaves it typed when the key is null. */
  private static void ask(String question, Keys key) {
    WebElement input = byId("question");
    input.clear();
    input.sendKeys(question);
    if (key != null) {
      input.sendKeys(key);
      await()
          .until(
              b ->
                  question.equals(byId("echo-question").getText())
                      && "false".equals(byId("result").getAttribute("aria-busy")));
    }
  }

  /** A picture of the whole page: the window is first made as tall as the page. */
  private static void screenshot(Path file) throws IOException {
    long height =
        (Long)
            ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollHeight");
    browser.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 40, 6000)));
    Files.createDirectories(file.getParent());
    Files.copy(
        ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
        file,
        StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(file)).isPositive();
  }

  private static WebDriverWait await() {
    return new WebDriverWait(browser, WAIT);
  }

  private static WebElement byId(String id) {
    return browser.findElement(By.id(id));
  }

  private static WebElement body() {
    return browser.findElement(By.tagName("body"));
  }
}
