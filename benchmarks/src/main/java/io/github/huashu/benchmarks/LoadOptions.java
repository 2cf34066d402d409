package io.github.huashu.benchmarks;

import io.github.huashu.server.SuggestionServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The options of one {@link ServerLoad} run, parsed from its arguments. Immutable. */
record LoadOptions(
    int durationSeconds,
    int warmupSeconds,
    int connections,
    int threads,
    long requests,
    long cache,
    String client,
    boolean reload,
    boolean reloadCorpus,
    boolean jmh) {

  static LoadOptions parse(String[] args) {
    Map<String, String> given = new HashMap<>();
    boolean reload = true;
    boolean reloadCorpus = false;
    boolean jmh = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--no-reload")) {
        reload = false;
      } else if (arg.equals("--reload-corpus")) {
        reloadCorpus = true;
      } else if (arg.equals("--jmh")) {
        jmh = true;
      } else if (arg.startsWith("--") && i + 1 < args.length) {
        given.put(arg.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException(
            "expected --duration, --warmup, --connections, --threads, --requests, --cache,"
                + " --client, --no-reload, --reload-corpus or --jmh but was '"
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
      throw new IllegalArgumentException("expected --client wrk or java but was '" + client + "'");
    }
    LoadOptions o =
        new LoadOptions(
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
            reloadCorpus,
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
