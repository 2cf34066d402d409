package io.github.huashu.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the operation tests share: a corpus folder of their own, HTTP calls whose every response is
 * validated against the OpenAPI document ({@link OpenApiContract}), waiting.
 */
final class OpsFixtures {

  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static final OpenApiContract CONTRACT = new OpenApiContract();

  private OpsFixtures() {}

  /** A copy of the small test corpus in a folder of its own. */
  static Path copyOfSmallCorpus(Path target) {
    try {
      Path source = Path.of(OpsFixtures.class.getResource("/corpora/small").toURI());
      Files.createDirectories(target);
      try (Stream<Path> files = Files.list(source)) {
        for (Path file : files.toList()) {
          Files.copy(file, target.resolve(file.getFileName()));
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> get(int port, String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return validated("GET", path, request);
  }

  static HttpResponse<String> post(int port, String path, String json, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(port, path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, UTF_8));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return validated("POST", path, request);
  }

  /** Sends the request and holds its response to the OpenAPI document. */
  private static HttpResponse<String> validated(
      String method, String path, HttpRequest.Builder request)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
    CONTRACT.validate(method, path, response);
    return response;
  }

  static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Waits until the condition holds, for up to 30 seconds. */
  static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected within 30 s: " + what);
      }
      Thread.sleep(50);
    }
  }

  /**
   * Waits until {@code count} requests are in flight, this one reading {@code /metrics} among them.
   */
  static void awaitInFlight(int port, int count, String... headers) throws InterruptedException {
    eventually(
        count + " requests in flight",
        () -> {
          try {
            return get(port, "/metrics", headers)
                .body()
                .contains("\nhuashu_http_in_flight " + count + ".0\n");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        });
  }

  /**
   * A POST of JSON whose body is sent in two parts, so that the request is in flight (its handler
   * waiting for the rest of the body) between {@link #start} and {@link #finish}.
   */
  static final class SlowPost implements AutoCloseable {
    private static final Pattern CONTENT_TYPE = Pattern.compile("(?im)^Content-Type:(.*)$");

    /** Spaces before the JSON (which JSON allows), sent one by one to keep the request busy. */
    private static final int PADDING = 200;

    private final Socket socket;
    private final String path;
    private final byte[] body;
    private int sent;

    SlowPost(int port, String path, String json) throws IOException {
      this.socket = new Socket("127.0.0.1", port);
      this.path = path;
      socket.setSoTimeout(30_000);
      this.body = (" ".repeat(PADDING) + json).getBytes(UTF_8);
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1:"
              + port
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + body.length
              + "\r\nConnection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(UTF_8));
      out.flush();
      trickle();
    }

    /**
     * Sends one more byte of the body, so that the connection is not idle (once a stop began, Jetty
     * closes connections idle for a second).
     */
    void trickle() throws IOException {
      if (sent < PADDING) {
        socket.getOutputStream().write(body, sent, 1);
        socket.getOutputStream().flush();
        sent++;
      }
    }

    /**
     * Sends the rest and reads the response, validated against the OpenAPI document: the status
     * line's code, the body and the head.
     */
    List<String> finish() throws IOException {
      OutputStream out = socket.getOutputStream();
      out.write(body, sent, body.length - sent);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      String text = response.toString(UTF_8);
      String status = text.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3);
      int bodyStart = text.indexOf("\r\n\r\n");
      String head = text.substring(0, bodyStart);
      String responseBody = text.substring(bodyStart + 4);
      Matcher contentType = CONTENT_TYPE.matcher(head);
      assertThat(head).as("a response of known length").doesNotContainIgnoringCase("chunked");
      CONTRACT.validate(
          "POST",
          path,
          Integer.parseInt(status),
          contentType.find() ? contentType.group(1).strip() : "",
          responseBody);
      return List.of(status, responseBody, head);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
