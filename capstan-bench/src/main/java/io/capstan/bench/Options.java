package io.capstan.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The command line of {@code bin/bench}: flags, then the scenarios to run (none means all).
 *
 * @param duration how long each measured load run lasts
 * @param warmup how long the discarded run before each measured one lasts
 * @param connections connections the load generator keeps open
 * @param threads load generator threads
 * @param rounds how often every target is measured (in alternating order); the median is reported
 * @param replicas the Deployment size of the rollout scenario
 * @param writeDocs whether the reports replace their sections of docs/benchmarks.md
 * @param scenarios the scenario names given, in order
 * @param command the command line as typed, quoted in the docs so a figure can be reproduced
 */
public record Options(Duration duration, Duration warmup, int connections, int threads,
    int rounds, int replicas, boolean writeDocs, List<String> scenarios, String command) {

  public static final String USAGE = """
      usage: bin/bench [--write-docs] [--duration 15s] [--warmup 3s] [--connections 64]
                       [--threads 2] [--rounds 3] [--replicas 1000]
                       [scenario ...]   (default: every scenario)""";

  private static final Set<String> VALUE_FLAGS =
      Set.of("--duration", "--warmup", "--connections", "--threads", "--rounds",
          "--replicas");

  public Options {
    if (duration.isNegative() || duration.isZero() || warmup.isNegative()) {
      throw new IllegalArgumentException("durations must be positive");
    }
    if (connections < threads || threads < 1 || rounds < 1 || replicas < 1) {
      throw new IllegalArgumentException(
          "need threads >= 1, connections >= threads, rounds >= 1 and replicas >= 1");
    }
    scenarios = List.copyOf(scenarios);
  }

  /** Parses {@code args}; throws IllegalArgumentException with the problem on a bad flag. */
  public static Options parse(String... args) {
    Duration duration = Duration.ofSeconds(15);
    Duration warmup = Duration.ofSeconds(3);
    int connections = 64;
    int threads = 2;
    int rounds = 3;
    int replicas = 1000;
    boolean writeDocs = false;
    List<String> scenarios = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--write-docs")) {
        writeDocs = true;
        continue;
      }
      if (!arg.startsWith("--")) {
        scenarios.add(arg);
        continue;
      }
      String name = arg;
      String value;
      int equals = arg.indexOf('=');
      if (equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      } else if (!VALUE_FLAGS.contains(name)) {
        throw new IllegalArgumentException("unknown flag " + name);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException(arg + " needs a value");
      }
      switch (name) {
        case "--duration" -> duration = parseDuration(value);
        case "--warmup" -> warmup = parseDuration(value);
        case "--connections" -> connections = Integer.parseInt(value);
        case "--threads" -> threads = Integer.parseInt(value);
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--replicas" -> replicas = Integer.parseInt(value);
        default -> throw new IllegalArgumentException("unknown flag " + name);
      }
    }
    return new Options(duration, warmup, connections, threads, rounds, replicas, writeDocs, scenarios,
        String.join(" ", prepend("bin/bench", args)));
  }

  private static List<String> prepend(String first, String... rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(rest));
    return all;
  }

  /** "15s", "500ms", "2m", or plain seconds. */
  static Duration parseDuration(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (value.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
    }
    if (value.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
    }
    if (value.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
    }
    return Duration.ofSeconds(Long.parseLong(value));
  }
}
