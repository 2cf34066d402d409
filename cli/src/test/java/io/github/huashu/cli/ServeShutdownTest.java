package io.github.huashu.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.huashu.server.ApiKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code huashu serve} in a JVM of its own, stopped with SIGTERM ({@link Process#destroy()}) while
 * a request is in flight: the request completes, the process exits 0, and the access log named the
 * key but never showed it.
 */
class ServeShutdownTest {

  private static final Pattern LISTENING = Pattern.compile("listening on http://127.0.0.1:(\\d+)");

  @Test
  void serve_sigtermWithRequestInFlight_requestCompletesAndExitsZero(@TempDir Path temp)
      throws Exception {
    ApiKeys.NewKey key = ApiKeys.newKey("shop-bot", "100/s", "client");
    Path keys = temp.resolve("keys.txt");
    Files.writeString(keys, "# test keys\n" + key.line() + "\n", UTF_8);
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process serve =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath,
                Huashu.class.getName(),
                "serve",
                "--port",
                "0",
                "--keys",
                keys.toString(),
                "--drain-timeout-ms",
                "30000")
            // Files, not pipes: destroy() closes the pipes, and what follows SIGTERM is wanted.
            .redirectOutput(temp.resolve("out.txt").toFile())
            .redirectError(temp.resolve("err.txt").toFile())
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (lines(temp.resolve("out.txt")).stream()
          .noneMatch(line -> line.startsWith("ready: "))) {
        assertThat(serve.isAlive())
            .as("serve running; stderr: %s", lines(temp.resolve("err.txt")))
            .isTrue();
        assertThat(System.nanoTime()).as("serve ready within two minutes").isLessThan(deadline);
        Thread.sleep(100);
      }
      List<String> out = lines(temp.resolve("out.txt"));
      Matcher listening = LISTENING.matcher(String.join("\n", out));
      assertThat(listening.find()).as(out.toString()).isTrue();
      int port = Integer.parseInt(listening.group(1));
      assertThat(out).contains("keys: 1 from " + keys);

      // Spaces before the JSON (which JSON allows), sent one by one: once a stop began, Jetty
      // closes connections idle for a second, and this one stands for a client uploading a body.
      int padding = 200;
      byte[] body = (" ".repeat(padding) + "{\"question\":\"七天无理由退货怎么退？\"}").getBytes(UTF_8);
      int[] sent = {0};
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(60_000);
        OutputStream request = socket.getOutputStream();
        request.write(
            ("POST /v1/suggest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer "
                    + key.key()
                    + "\r\nContent-Length: "
                    + body.length
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(UTF_8));
        Runnable trickle =
            () -> {
              if (sent[0] < padding) {
                try {
                  request.write(body, sent[0]++, 1);
                  request.flush();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }
            };
        trickle.run();
        // In flight: this request, and the one reading /metrics.
        eventually(
            () -> metrics(port, key.key()).contains("\nhuashu_http_in_flight 2.0\n"),
            "the request in flight");

        serve.destroy(); // SIGTERM
        eventually(
            () -> {
              trickle.run();
              return refused(port);
            },
            "no longer accepting");
        assertThat(serve.isAlive()).as("draining the request in flight").isTrue();

        request.write(body, sent[0], body.length - sent[0]);
        request.flush();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        socket.getInputStream().transferTo(response);
        assertThat(response.toString(UTF_8)).startsWith("HTTP/1.1 200 ").contains("\"decision\"");
      }
      assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(serve.exitValue()).isZero();
    } finally {
      serve.destroyForcibly();
    }
    assertThat(lines(temp.resolve("out.txt")))
        .anyMatch(line -> line.startsWith("stopping: no new connections"));
    String log = Files.readString(temp.resolve("err.txt"), UTF_8);
    assertThat(log)
        .containsPattern(
            "huashu\\.access - time=\\S+ method=POST path=/v1/suggest status=200 .* key=shop-bot ")
        .doesNotContain(key.key())
        .doesNotContain("七天无理由");
  }

  private static void eventually(BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("expected within a minute: " + what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static String metrics(int port, String key) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                  .header("X-Api-Key", key)
                  .build(),
              HttpResponse.BodyHandlers.ofString(UTF_8))
          .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static boolean refused(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file, UTF_8) : List.of();
  }
}
