package io.github.huashu.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.huashu.server.SuggestionServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two ways {@link ServerLoad} drives {@code POST /v1/suggest}: {@code wrk} with the {@code
 * suggest.lua} script beside this class, or one blocking {@link HttpClient} per connection.
 * Stateless.
 */
final class LoadClients {

  private static final Pattern WRK_RESULT =
      Pattern.compile(
          "HUASHU requests=(\\d+) duration_us=(\\d+) connect=(\\d+) read=(\\d+) write=(\\d+)"
              + " status=(\\d+) timeout=(\\d+) p50_us=(\\d+) p90_us=(\\d+) p99_us=(\\d+)"
              + " p999_us=(\\d+) max_us=(\\d+)");

  private LoadClients() {}

  static LoadFigures drive(
      SuggestionServer server,
      LoadOptions options,
      Path bodies,
      List<String> questions,
      int seconds)
      throws Exception {
    return options.client().equals("wrk")
        ? wrk(server, options, bodies, seconds)
        : javaClient(server, options, questions, seconds);
  }

  private static LoadFigures wrk(
      SuggestionServer server, LoadOptions options, Path bodies, int seconds)
      throws IOException, InterruptedException {
    Path script = Files.createTempFile("huashu-suggest-", ".lua");
    try (InputStream in = ServerLoad.class.getResourceAsStream("suggest.lua")) {
      Files.write(script, in.readAllBytes());
    }
    try {
      long perThread = Math.max(1, options.requests() / options.threads());
      Process wrk =
          new ProcessBuilder(
                  "wrk",
                  "-t",
                  String.valueOf(options.threads()),
                  "-c",
                  String.valueOf(options.connections()),
                  "-d",
                  seconds + "s",
                  "--timeout",
                  "5s",
                  "-s",
                  script.toString(),
                  "http://127.0.0.1:" + server.port(),
                  "--",
                  bodies.toString(),
                  String.valueOf(perThread))
              .redirectErrorStream(true)
              .start();
      String out = new String(wrk.getInputStream().readAllBytes(), UTF_8);
      if (!wrk.waitFor(seconds + 30L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
        wrk.destroyForcibly();
        throw new IllegalStateException("wrk failed:\n" + out);
      }
      Matcher m = WRK_RESULT.matcher(out);
      if (!m.find()) {
        throw new IllegalStateException("expected wrk's HUASHU line but the output was:\n" + out);
      }
      long[] v = new long[12];
      for (int i = 0; i < v.length; i++) {
        v[i] = Long.parseLong(m.group(i + 1));
      }
      long errors = v[2] + v[3] + v[4] + v[5] + v[6];
      return new LoadFigures(v[0], v[1] / 1e6, errors, v[7], v[8], v[9], v[10], v[11]);
    } finally {
      Files.deleteIfExists(script);
    }
  }

  /** One thread and one blocking HTTP/1.1 client per connection, each cycling the questions. */
  private static LoadFigures javaClient(
      SuggestionServer server, LoadOptions options, List<String> questions, int seconds)
      throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<HttpRequest> requests = new ArrayList<>();
    URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/suggest");
    for (String q : questions) {
      requests.add(
          HttpRequest.newBuilder(uri)
              .header("Content-Type", "application/json")
              .timeout(Duration.ofSeconds(5))
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      json.writeValueAsString(Map.of("question", q)), UTF_8))
              .build());
    }
    long perConnection = Math.max(1, options.requests() / options.connections());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    AtomicLong errors = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(options.connections());
    long start = System.nanoTime();
    List<Future<long[]>> results = new ArrayList<>();
    for (int c = 0; c < options.connections(); c++) {
      int offset = c * 997;
      results.add(
          pool.submit(
              () -> {
                HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                long[] latencies = new long[(int) Math.min(perConnection, 10_000_000)];
                int n = 0;
                while (n < latencies.length && System.nanoTime() < deadline) {
                  HttpRequest request = requests.get((offset + n) % requests.size());
                  long t0 = System.nanoTime();
                  try {
                    HttpResponse<Void> r =
                        client.send(request, HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() != 200) {
                      errors.incrementAndGet();
                    }
                  } catch (IOException e) {
                    errors.incrementAndGet();
                  }
                  latencies[n++] = (System.nanoTime() - t0) / 1000;
                }
                return Arrays.copyOf(latencies, n);
              }));
    }
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> f : results) {
      all.add(f.get());
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new LoadFigures(
        merged.length,
        elapsed,
        errors.get(),
        percentile(merged, 50),
        percentile(merged, 90),
        percentile(merged, 99),
        percentile(merged, 99.9),
        merged.length == 0 ? 0 : merged[merged.length - 1]);
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
