package io.capstan.cli.kubectl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The data of {@code create configmap}, read from its sources as kubectl reads them:
 * {@code --from-literal=key=value}, {@code --from-file=[key=]path} (a directory gives one key per
 * regular file) and {@code --from-env-file=path} ({@code KEY=value} lines; blank lines and
 * {@code #} comments skipped; a bare {@code KEY} takes the value from the environment).
 */
final class ConfigMapSources {

  private ConfigMapSources() {}

  static Map<String, String> read(List<String> literals, List<String> files,
      List<String> envFiles, Map<String, String> environment) {
    if (!envFiles.isEmpty() && (!literals.isEmpty() || !files.isEmpty())) {
      throw new KubectlError("error: from-env-file cannot be combined with from-file or "
          + "from-literal");
    }
    Map<String, String> data = new LinkedHashMap<>();
    for (String file : files) {
      int eq = file.indexOf('=');
      if (eq == 0) {
        throw new KubectlError("error: key name for file path " + file + " missing");
      }
      Path path = Path.of(eq < 0 ? file : file.substring(eq + 1));
      if (Files.isDirectory(path)) {
        if (eq >= 0) {
          throw new KubectlError("error: cannot give a key name for a directory path");
        }
        try (Stream<Path> list = Files.list(path)) {
          for (Path p : list.filter(Files::isRegularFile).sorted().toList()) {
            put(data, p.getFileName().toString(), readFile(p, p.toString()));
          }
        } catch (IOException e) {
          throw new KubectlError("error: error listing files in " + path + ": " + e.getMessage());
        }
      } else {
        put(data, eq < 0 ? path.getFileName().toString() : file.substring(0, eq),
            readFile(path, path.toString()));
      }
    }
    for (String literal : literals) {
      int eq = literal.indexOf('=');
      if (eq <= 0) {
        throw new KubectlError("error: invalid literal source " + literal
            + ", expected key=value");
      }
      put(data, literal.substring(0, eq), literal.substring(eq + 1));
    }
    for (String envFile : envFiles) {
      for (String line : readFile(Path.of(envFile), envFile).split("\n")) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        int eq = line.indexOf('=');
        if (eq < 0) {
          put(data, trimmed, environment.getOrDefault(trimmed, ""));
        } else {
          put(data, line.substring(0, eq).stripLeading(), line.substring(eq + 1));
        }
      }
    }
    return data;
  }

  private static void put(Map<String, String> data, String key, String value) {
    if (data.putIfAbsent(key, value) != null) {
      throw new KubectlError("error: cannot add key " + key
          + ", another key by that name already exists in Data for ConfigMap");
    }
  }

  private static String readFile(Path path, String shown) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new KubectlError("error: error reading " + shown + ": no such file or directory");
    }
  }
}
