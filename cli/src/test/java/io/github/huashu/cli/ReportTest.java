package io.github.huashu.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.huashu.cli.report.HtmlReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * {@code eval --report}: the page holds the figures the JSON of the same run gives, its charts and
 * every failure, and shows a question's markup as text. The browser half opens the page in Debian's
 * headless chromium and is skipped when chromium or chromedriver is not installed.
 */
class ReportTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String SCRIPT = "<script>document.title='pwned'</script>我的快递到哪了";

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private static String resource(String name) {
    try {
      return Path.of(ReportTest.class.getResource("/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs eval on the test corpus with the cases, the report page and the other options. */
  private int eval(Path cases, Path page, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "eval",
                "--corpus",
                resource("corpus"),
                "--cases",
                cases.toString(),
                "--report",
                page.toString()));
    args.addAll(List.of(options));
    return Huashu.run(
        args.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
  }

  /** Runs eval with --json --failures --report on cases with right, wrong and injected ones. */
  private JsonNode evalWithReport(Path dir, Path page) throws IOException {
    Path cases = dir.resolve("cases.tsv");
    Files.writeString(
        cases,
        String.join(
            "\n",
            "我的快递到哪了\tlogistics.track",
            "能开发票吗\tinvoice.issue",
            "密码忘了登不上\taccount.password",
            "我的快递到哪了\tinvoice.issue",
            "密码忘了登不上\torder.cancel",
            SCRIPT + "\tinvoice.issue",
            "那个呢\t_context",
            "红烧肉怎么做\t_none",
            ""),
        UTF_8);
    int code = eval(cases, page, "--json", "--failures");
    assertThat(code).as(err.toString()).isZero();
    return new ObjectMapper().readTree(out.toString());
  }

  @Test
  void report_writesTheFileAndStillPrintsTheJson(@TempDir Path dir) throws IOException {
    Path page = dir.resolve("sub/report.html");

    JsonNode json = evalWithReport(dir, page);

    assertThat(json.get("n").asInt()).isEqualTo(8);
    String html = Files.readString(page, UTF_8);
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("id=\"top1\" data-value=\"" + json.get("top1").asDouble() + "\"")
        .contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;")
        .doesNotContain("<script")
        .doesNotContain("http://")
        .doesNotContain("https://");
  }

  /** A report path that is a symbolic link (another user's, in a shared folder) is not followed. */
  @Test
  void report_symbolicLink_notWrittenThrough(@TempDir Path dir) throws IOException {
    Path victim = Files.writeString(dir.resolve("victim.txt"), "mine", UTF_8);
    Path page = Files.createSymbolicLink(dir.resolve("report.html"), victim);
    Path cases = Files.writeString(dir.resolve("cases.tsv"), "能开发票吗\tinvoice.issue\n", UTF_8);

    int code = eval(cases, page);

    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("cannot write " + page + ": it is a symbolic link");
    assertThat(Files.readString(victim, UTF_8)).isEqualTo("mine");
  }

  @Test
  void escape_markupAndQuotes_becomeEntities() {
    assertThat(HtmlReport.escape("<a href=\"x\">'&'</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  }

  @Test
  void report_inChromium_showsTheFiguresOfTheJson(@TempDir Path dir) throws IOException {
    assumeThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as(
            "skipped: the browser test needs Debian's chromium and chromium-driver"
                + " (/usr/bin/chromium, /usr/bin/chromedriver)")
        .isTrue();
    Path page = dir.resolve("report.html");
    JsonNode json = evalWithReport(dir, page);

    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1600");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    WebDriver browser = new ChromeDriver(service, options);
    try {
      browser.get(page.toUri().toString());

      for (String figure : List.of("top1", "top3", "mrr", "accuracy", "answered")) {
        assertThat(value(browser, figure)).as(figure).isEqualTo(json.get(figure).asDouble());
      }
      assertThat(value(browser, "n")).isEqualTo(json.get("n").asDouble());
      assertThat(text(browser, "top1"))
          .isEqualTo(
              String.format(java.util.Locale.ROOT, "%.1f%%", 100 * json.get("top1").asDouble()));
      for (String decision : List.of("MATCH", "CLARIFY", "FALLBACK")) {
        assertThat(text(browser, "decision-" + decision))
            .isEqualTo(json.get("decisions").get(decision).asText());
      }

      List<WebElement> rows = browser.findElements(By.cssSelector("#failures tr.failure"));
      assertThat(rows).hasSize(json.get("cases").size()).isNotEmpty();
      assertThat(rows)
          .allSatisfy(
              row -> assertThat(row.findElement(By.cssSelector("td.why")).getText()).isNotBlank());
      assertThat(browser.findElements(By.cssSelector("#failures td.question")))
          .extracting(WebElement::getText)
          .contains(SCRIPT);
      assertThat(browser.getTitle()).doesNotContain("pwned");
      assertThat(((JavascriptExecutor) browser).executeScript("return document.scripts.length"))
          .isEqualTo(0L);

      Set<String> expectedLabels = new HashSet<>();
      json.get("cases").forEach(c -> expectedLabels.add(c.get("expected").asText()));
      assertThat(browser.findElements(By.cssSelector("#intent-bars rect.bar")))
          .hasSize(
              6) // logistics.track, invoice.issue, account.password, order.cancel, _context, _none
          .extracting(b -> b.getAttribute("data-intent"))
          .containsAll(expectedLabels);

      Set<String> confused = new HashSet<>();
      int confusions = 0;
      for (JsonNode c : json.get("confusions")) {
        confused.add(c.get("expected").asText());
        confused.add(c.get("predicted").asText());
        confusions += c.get("count").asInt();
      }
      WebElement heatMap = browser.findElement(By.id("heatmap"));
      assertThat(heatMap.getAttribute("data-intents")).isEqualTo(String.valueOf(confused.size()));
      List<WebElement> cells = browser.findElements(By.cssSelector("#heatmap rect.cell"));
      assertThat(cells).hasSize(confused.size() * confused.size());
      assertThat(cells.stream().mapToInt(c -> Integer.parseInt(c.getAttribute("data-count"))).sum())
          .isEqualTo(confusions);

      WebElement point = browser.findElement(By.id("operating-point"));
      assertThat(Double.parseDouble(point.getAttribute("data-precision")))
          .isEqualTo(json.get("match_precision").asDouble());
      assertThat(browser.findElements(By.cssSelector("#risk-coverage circle.coverage-point")))
          .hasSize(json.get("risk_coverage").size());
      assertThat(browser.findElement(By.id("curve")).isDisplayed()).isTrue();

      Path screenshot = Path.of("target", "report-screenshot.png");
      Files.createDirectories(screenshot.getParent());
      Files.copy(
          ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
          screenshot,
          StandardCopyOption.REPLACE_EXISTING);
      assertThat(Files.size(screenshot)).isPositive();
    } finally {
      browser.quit();
    }
  }

  private static double value(WebDriver browser, String id) {
    return Double.parseDouble(browser.findElement(By.id(id)).getAttribute("data-value"));
  }

  private static String text(WebDriver browser, String id) {
    return browser.findElement(By.id(id)).getText();
  }
}
