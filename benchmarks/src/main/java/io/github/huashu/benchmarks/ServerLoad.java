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
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
 *     [--cache 10000] [--client wrk|java] [--no-reload] [--reload-corpus]
 * </pre>
 *
 * <p>The questions cycled through are the editors' held-out questions ({@code eval/heldout.tsv})
 * and the training half of the real shopper messages ({@code corpus/real-shoppers.tsv}), never the
 * held-out real messages. The load comes from {@code wrk} (Debian's package) when it is on the
 * path: written in C on epoll, it takes far less of the two cores than the server it measures;
 * {@code --client java} uses one blocking {@link HttpClient} per connection instead, for machines
 * without wrk. Both keep each connection busy (closed loop), so their percentiles are those of
 * requests sent as soon as the previous answer came back. A main class: not instantiable.
 */
public final class ServerLoad {

  private ServerLoad() {}

  public static void main(String[] args) throws Exception {
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(
          "usage: ServerLoad [--duration S] [--warmup S] [--connections N] [--threads N]"
              + " [--requests N] [--cache N] [--client wrk|java] [--no-reload] [--reload-corpus] [--jmh]");
      System.exit(2);
      return;
    }
    if (options.jmh()) {
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
    Path snapshot = null;
    SuggestionServer server =
        SuggestionServer.builder()
            .knowledgeBase(kb)
            .host("127.0.0.1")
            .port(0)
            .answerCacheSize(options.cache())
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
          options.client().equals("wrk")
              ? "wrk (" + options.threads() + " threads)"
              : "java.net.http (one blocking client per connection)",
          options.connections(),
          options.cache() == 0 ? "off" : options.cache() + " entries");
      if (options.warmupSeconds() > 0) {
        LoadFigures warm =
            LoadClients.drive(server, options, bodies, questions, options.warmupSeconds());
        System.out.println("warm-up:  " + warm);
      }
      Reload reload = null;
      if (options.reload()) {
        Path source = corpus;
        if (!options.reloadCorpus()) {
          snapshot = Files.createTempFile("huashu-load-", ".huashu");
          kb.save(snapshot);
          source = snapshot;
        }
        reload =
            new Reload(server, source, !options.reloadCorpus(), options.durationSeconds() * 1000L);
      }
      Thread swapper = null;
      if (reload != null) {
        swapper = new Thread(reload::run, "reload");
        swapper.start();
      }
      long serverCpu0 = processCpuNanos();
      long childCpu0 = childrenCpuNanos();
      LoadFigures measured =
          LoadClients.drive(server, options, bodies, questions, options.durationSeconds());
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
      if (measured.errors() > 0) {
        System.out.println("FAILED: " + measured.errors() + " requests failed");
        failed = true;
      }
      if (reload != null && !reload.swappedDuringTheRun(kb)) {
        System.out.println("FAILED: the reload did not land during the run");
        failed = true;
      }
    } finally {
      server.stop();
      Files.deleteIfExists(bodies);
      if (snapshot != null) {
        Files.deleteIfExists(snapshot);
      }
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

  /**
   * CPU time per request, which depends far less than wall-clock throughput on what else runs on a
   * shared machine, and the throughput it allows on all cores if the machine were ours alone.
   */
  private static String cpu(
      LoadFigures f, long serverNanos, long clientNanos, LoadOptions options, boolean reload) {
    int cores = Runtime.getRuntime().availableProcessors();
    double server = serverNanos / 1000.0 / f.requests();
    boolean wrk = options.client().equals("wrk");
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
}
