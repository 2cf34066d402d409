package io.github.huashu.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.huashu.CorpusException;
import io.github.huashu.EvalCase;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.Suggester;
import io.github.huashu.sample.SampleCorpus;
import io.github.huashu.server.SuggestionServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load test of the suggestion service: starts the real server in this process on a loopback
 * port on the sample corpus and drives {@code POST /v1/suggest} at a number of concurrent
 * connections, bounded in time and in requests; halfway through it swaps in a freshly loaded
 * knowledge base (what a reload does) and fails if any request failed. Not part of the build's
 * tests: run by hand (see the README's "Load" paragraph).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.huashu.benchmarks.ServerLoad \
 *     [--duration 30] [--warmup 20] [--connections 16] [--threads 2] [--requests 2000000] \
 *     [--cache 10000] [--client wrk|java] [--no-reload]
 * </pre>
 *
 * <p>The questions cycled through are the editors' held-out questions ({@code eval/heldout.tsv})
 * and the training half of the real shopper messages ({@code corpus/real-shoppers.tsv}), never the
 * held-out real messages. The load comes from {@code wrk} (Debian's package) when it is on the
 * path: written in C on epoll, it takes far less of the two cores than the server it measures;
 * {@code --client java} uses one blocking {@link HttpClient} per connection instead, for machines
 * without wrk. Both keep each connection busy (closed loop), so their percentiles are those of
 * requests sent as soon as the previous answer came back.
 */
public final class ServerLoad {

  private static final Pattern WRK_RESULT =
      Pattern.compile(
          "HUASHU requests=(\\d+) duration_us=(\\d+) connect=(\\d+) read=(\\d+) write=(\\d+)"
              + " status=(\\d+) timeout=(\\d+) p50_us=(\\d+) p90_us=(\\d+) p99_us=(\\d+)"
              + " p999_us=(\\d+) max_us=(\\d+)");

  private ServerLoad() {}

  /** The options of one run. */
  record Options(
      int durationSeconds,
      int warmupSeconds,
      int connections,
      int threads,
      long requests,
      long cache,
      String client,
      boolean reload,
      boolean jmh) {

    static Options parse(String[] args) {
      Map<String, String> given = new java.util.HashMap<>();
      boolean reload = true;
      boolean jmh = false;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("--no-reload")) {
          reload = false;
        } else if (arg.equals("--jmh")) {
          jmh = true;
        } else if (arg.startsWith("--") && i + 1 < args.length) {
          given.put(arg.substring(2), args[++i]);
        } else {
          throw new IllegalArgumentException(
              "expected --duration, --warmup, --connections, --threads, --requests, --cache,"
                  + " --client, --no-reload or --jmh but was '"
                  + arg
                  + "'");
        }
      }
      Set<String> known =
          Set.of("duration", "warmup", "connections", "threads", "requests", "cache", "client");
      for (String name : given.keySet()) {
        if (!known.contains(name)) {
          throw new IllegalArgumentException("expected a known option but was '--" + name + "'");
        }
      }
      String client = given.getOrDefault("client", onPath("wrk") ? "wrk" : "java");
      if (!client.equals("wrk") && !client.equals("java")) {
        throw new IllegalArgumentException(
            "expected --client wrk or java but was '" + client + "'");
      }
      Options o =
          new Options(
              bounded(given, "duration", 30, 1, 600),
              bounded(given, "warmup", 20, 0, 120),
              bounded(given, "connections", 16, 1, 256),
              bounded(given, "threads", 2, 1, 16),
              bounded(given, "requests", 2_000_000, 1, 50_000_000),
              bounded(
                  given,
                  "cache",
                  (int) SuggestionServer.Builder.DEFAULT_ANSWER_CACHE_SIZE,
                  0,
                  10_000_000),
              client,
              reload,
              jmh);
      if (o.threads > o.connections) {
        throw new IllegalArgumentException(
            "expected --threads <= --connections but was " + o.threads + " > " + o.connections);
      }
      return o;
    }

    private static int bounded(
        Map<String, String> given, String name, int otherwise, int min, int max) {
      String text = given.get(name);
      if (text == null) {
        return otherwise;
      }
      int value;
      try {
        value = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "expected --" + name + " to be a whole number but was '" + text + "'");
      }
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            "expected --" + name + " in [" + min + ", " + max + "] but was " + value);
      }
      return value;
    }
  }

  /** What one run measured; latencies in microseconds. */
  record Figures(
      long requests,
      double seconds,
      long errors,
      long p50,
      long p90,
      long p99,
      long p999,
      long max) {

    double throughput() {
      return requests / seconds;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%,d requests in %.1f s: %,.0f requests/s; latency p50 %.2f ms, p90 %.2f ms,"
              + " p99 %.2f ms, p99.9 %.2f ms, max %.2f ms; errors %d",
          requests,
          seconds,
          throughput(),
          p50 / 1000.0,
          p90 / 1000.0,
          p99 / 1000.0,
          p999 / 1000.0,
          max / 1000.0,
          errors);
    }
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(
          "usage: ServerLoad [--duration S] [--warmup S] [--connections N] [--threads N]"
              + " [--requests N] [--cache N] [--client wrk|java] [--no-reload] [--jmh]");
      System.exit(2);
      return;
    }
    if (options.jmh) {
      inProcess();
    }
    Path corpus = Corpora.folder("sample");
    KnowledgeBase kb = Corpora.load(corpus);
    List<String> questions = questions(corpus);
    Path bodies = Files.createTempFile("huashu-load-", ".jsonl");
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    for (String q : questions) {
      lines.add(json.writeValueAsString(Map.of("question", q)));
    }
    Files.write(bodies, lines, UTF_8);

    boolean failed = false;
    SuggestionServer server =
        SuggestionServer.builder()
            .knowledgeBase(kb)
            .host("127.0.0.1")
            .port(0)
            .answerCacheSize(options.cache)
            .build()
            .start();
    try {
      System.out.printf(
          Locale.ROOT,
          "# %d cores, %s, load average before: %s%n# %d different questions; client %s,"
              + " %d connections, answer cache %s%n",
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
          loadAverage(),
          questions.size(),
          options.client.equals("wrk")
              ? "wrk (" + options.threads + " threads)"
              : "java.net.http (one blocking client per connection)",
          options.connections,
          options.cache == 0 ? "off" : options.cache + " entries");
      if (options.warmupSeconds > 0) {
        Figures warm = drive(server, options, bodies, questions, options.warmupSeconds);
        System.out.println("warm-up:  " + warm);
      }
      Reload reload =
          options.reload ? new Reload(server, corpus, options.durationSeconds * 1000L) : null;
      Thread swapper = null;
      if (reload != null) {
        swapper = new Thread(reload::run, "reload");
        swapper.start();
      }
      long serverCpu0 = processCpuNanos();
      long childCpu0 = childrenCpuNanos();
      Figures measured = drive(server, options, bodies, questions, options.durationSeconds);
      long serverCpu = processCpuNanos() - serverCpu0;
      long clientCpu = childrenCpuNanos() - childCpu0;
      if (swapper != null) {
        swapper.join();
      }
      System.out.println("measured: " + measured);
      System.out.println(cpu(measured, serverCpu, clientCpu, options, reload != null));
      if (reload != null) {
        System.out.println(reload);
      }
      System.out.println("# load average after: " + loadAverage());
      if (measured.errors > 0) {
        System.out.println("FAILED: " + measured.errors + " requests failed");
        failed = true;
      }
      if (reload != null && !reload.swappedDuringTheRun(kb)) {
        System.out.println("FAILED: the reload did not land during the run");
        failed = true;
      }
    } finally {
      server.stop();
      Files.deleteIfExists(bodies);
    }
    System.exit(failed ? 1 : 0);
  }

  /**
   * The in-process figure beside it: JMH's {@link SuggestBenchmark} on the sample corpus, one
   * thread, the cache off ({@code suggest}) and every question cached ({@code suggestCached}), with
   * short iterations.
   */
  private static void inProcess() throws org.openjdk.jmh.runner.RunnerException {
    org.openjdk.jmh.runner.options.Options jmh =
        new org.openjdk.jmh.runner.options.OptionsBuilder()
            .include(SuggestBenchmark.class.getName() + "\\.suggest(Cached)?$")
            .param("intents", "sample")
            .warmupIterations(2)
            .warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
            .measurementIterations(3)
            .measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
            .forks(1)
            .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
            .build();
    for (org.openjdk.jmh.results.RunResult r : new org.openjdk.jmh.runner.Runner(jmh).run()) {
      org.openjdk.jmh.util.Statistics stats = r.getPrimaryResult().getStatistics();
      System.out.printf(
          Locale.ROOT,
          "in-process %s (JMH, 1 thread): mean %.1f us, p50 %.1f us, p99 %.1f us,"
              + " %,.0f calls/s on one core%n",
          r.getParams().getBenchmark().replaceAll(".*\\.", ""),
          stats.getMean(),
          stats.getPercentile(50),
          stats.getPercentile(99),
          1e6 / stats.getMean());
    }
  }

  /** Distinct questions: the editors' held-out ones and the training half of real messages. */
  static List<String> questions(Path corpus) throws IOException, CorpusException {
    Set<String> distinct = new LinkedHashSet<>();
    SampleCorpus.heldOut().forEach(c -> distinct.add(c.question()));
    for (EvalCase c : EvalCase.read(corpus.resolve("real-shoppers.tsv"))) {
      distinct.add(c.question());
    }
    distinct.removeIf(q -> q.isBlank() || q.length() > Suggester.DEFAULT_MAX_QUESTION_LENGTH);
    return List.copyOf(distinct);
  }

  private static Figures drive(
      SuggestionServer server, Options options, Path bodies, List<String> questions, int seconds)
      throws Exception {
    return options.client.equals("wrk")
        ? wrk(server, options, bodies, seconds)
        : javaClient(server, options, questions, seconds);
  }

  private static Figures wrk(SuggestionServer server, Options options, Path bodies, int seconds)
      throws IOException, InterruptedException {
    Path script = Files.createTempFile("huashu-suggest-", ".lua");
    try (InputStream in = ServerLoad.class.getResourceAsStream("suggest.lua")) {
      Files.write(script, in.readAllBytes());
    }
    try {
      long perThread = Math.max(1, options.requests / options.threads);
      Process wrk =
          new ProcessBuilder(
                  "wrk",
                  "-t",
                  String.valueOf(options.threads),
                  "-c",
                  String.valueOf(options.connections),
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
      return new Figures(v[0], v[1] / 1e6, errors, v[7], v[8], v[9], v[10], v[11]);
    } finally {
      Files.deleteIfExists(script);
    }
  }

  /** One thread and one blocking HTTP/1.1 client per connection, each cycling the questions. */
  private static Figures javaClient(
      SuggestionServer server, Options options, List<String> questions, int seconds)
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
    long perConnection = Math.max(1, options.requests / options.connections);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    AtomicLong errors = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(options.connections);
    long start = System.nanoTime();
    List<Future<long[]>> results = new ArrayList<>();
    for (int c = 0; c < options.connections; c++) {
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
    return new Figures(
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

  /**
   * A reload in the middle of the run: from the run's start it loads the corpus afresh in the
   * background (under the load, as a reload does: its training takes CPU from the server while the
   * run is measured), and swaps it in half-way, or as soon as it is loaded if that is later.
   */
  private static final class Reload {
    private final SuggestionServer server;
    private final Path corpus;
    private final long runMillis;
    private volatile KnowledgeBase loaded;
    private volatile long loadMillis;
    private volatile long atMillis;

    Reload(SuggestionServer server, Path corpus, long runMillis) {
      this.server = server;
      this.corpus = corpus;
      this.runMillis = runMillis;
    }

    void run() {
      long start = System.nanoTime();
      try {
        long t0 = System.nanoTime();
        KnowledgeBase fresh = KnowledgeBase.load(corpus);
        loadMillis = (System.nanoTime() - t0) / 1_000_000;
        long wait = runMillis / 2 - (System.nanoTime() - start) / 1_000_000;
        if (wait > 0) {
          Thread.sleep(wait);
        }
        server.swap(fresh);
        loaded = fresh;
        atMillis = (System.nanoTime() - start) / 1_000_000;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (CorpusException e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * Whether the freshly loaded knowledge base was swapped in while the load still ran and answers
     * now.
     */
    boolean swappedDuringTheRun(KnowledgeBase first) {
      return loaded != null
          && loaded != first
          && atMillis < runMillis
          && server.knowledgeBase().filter(kb -> kb == loaded).isPresent();
    }

    @Override
    public String toString() {
      return loaded == null
          ? "reload: did not happen"
          : String.format(
              Locale.ROOT,
              "reload: a fresh knowledge base (%s) loaded in %d ms under the load and swapped in"
                  + " at %.1f s of %.1f s%s",
              loaded.version(),
              loadMillis,
              atMillis / 1000.0,
              runMillis / 1000.0,
              atMillis < runMillis ? "" : " (after the run: lengthen --duration)");
    }
  }

  /**
   * CPU time per request, which depends far less than wall-clock throughput on what else runs on a
   * shared machine, and the throughput it allows on all cores if the machine were ours alone.
   */
  private static String cpu(
      Figures f, long serverNanos, long clientNanos, Options options, boolean reload) {
    int cores = Runtime.getRuntime().availableProcessors();
    double server = serverNanos / 1000.0 / f.requests();
    boolean wrk = options.client.equals("wrk");
    double client = wrk ? clientNanos / 1000.0 / f.requests() : 0;
    return String.format(
        Locale.ROOT,
        "cpu: this process %.0f us per request%s%s; %d cores would carry about %,.0f requests/s"
            + " if nothing else ran",
        server,
        reload ? " (the reload's loading included)" : "",
        wrk ? String.format(Locale.ROOT, ", wrk %.0f us", client) : " (the Java client included)",
        cores,
        cores * 1e6 / (server + client));
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** User and system time of the child processes waited for (wrk), from /proc/self/stat. */
  private static long childrenCpuNanos() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"), UTF_8);
      // Fields after the command name (which is in parentheses and may hold spaces).
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]); // cutime, cstime
      return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg"), UTF_8).trim().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | UncheckedIOException e) {
      return "unknown";
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
