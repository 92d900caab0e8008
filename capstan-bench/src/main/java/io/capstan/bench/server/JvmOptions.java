package io.capstan.bench.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVM flags and environment the {@code ./capstan} launcher runs the server with, read from the
 * same file it reads ({@code bin/jvm.options}), so that a benchmark measures the server as users
 * start it. Lines: {@code -flag}; {@code 25: -flag} for JDK 25 and newer only; {@code NAME=value}
 * for the environment; {@code #} starts a comment.
 */
public record JvmOptions(List<String> flags, Map<String, String> environment) {

  public JvmOptions {
    flags = List.copyOf(flags);
    environment = Map.copyOf(environment);
  }

  /** The launcher's options for the JDK running the benchmarks (which also runs the server). */
  public static JvmOptions launcher() {
    // The jar is <repo>/capstan-cli/target/capstan-all.jar.
    Path file = Path.of(CapstanServer.jar()).toAbsolutePath().getParent().getParent().getParent()
        .resolve("bin").resolve("jvm.options");
    try {
      return parse(Files.readAllLines(file), Runtime.version().feature());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the launcher's JVM options " + file, e);
    }
  }

  /** The options in {@code lines} that apply to a JDK of feature version {@code jdk}. */
  public static JvmOptions parse(List<String> lines, int jdk) {
    List<String> flags = new ArrayList<>();
    Map<String, String> environment = new LinkedHashMap<>();
    for (String raw : lines) {
      int hash = raw.indexOf('#');
      String line = (hash < 0 ? raw : raw.substring(0, hash)).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] words = line.split("\\s+");
      String first = words[0];
      if (first.matches("\\d+:")) {
        if (words.length != 2) {
          throw new IllegalArgumentException("expected `N: -flag`: " + raw);
        }
        if (jdk >= Integer.parseInt(first.substring(0, first.length() - 1))) {
          flags.add(words[1]);
        }
      } else if (words.length != 1) {
        throw new IllegalArgumentException("one flag or NAME=value per line: " + raw);
      } else if (first.startsWith("-")) {
        flags.add(first);
      } else if (first.indexOf('=') > 0) {
        environment.put(first.substring(0, first.indexOf('=')),
            first.substring(first.indexOf('=') + 1));
      } else {
        throw new IllegalArgumentException("neither a flag nor NAME=value: " + raw);
      }
    }
    return new JvmOptions(flags, environment);
  }

  /** These options with {@code more} flags after them. */
  public JvmOptions plus(List<String> more) {
    List<String> all = new ArrayList<>(flags);
    all.addAll(more);
    return new JvmOptions(all, environment);
  }
}
