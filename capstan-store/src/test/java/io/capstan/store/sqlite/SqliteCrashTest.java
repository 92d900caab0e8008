package io.capstan.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.store.KeyValue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A write the store acknowledged survives kill -9 of the process that made it. */
class SqliteCrashTest {

  private static final int ACKS_BEFORE_KILL = 400;

  @TempDir
  Path dir;

  @Test
  @Timeout(60)
  void everyAcknowledgedWriteSurvivesAKill() throws Exception {
    Path file = dir.resolve("crash.db");
    Process child = startWriter(file, 8);
    Map<String, Long> acknowledged = new LinkedHashMap<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (acknowledged.size() < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
        if (line.startsWith(CrashingWriter.ACK)) {
          String[] parts = line.substring(CrashingWriter.ACK.length()).split(" ");
          acknowledged.put(parts[0], Long.parseLong(parts[1]));
        }
      }
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acknowledged).hasSize(ACKS_BEFORE_KILL);

    try (SqliteStore store = SqliteStore.open(file, SqliteStore.Options.defaults())) {
      for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
        String key = ack.getKey();
        assertThat(store.get(key)).as(key).contains(new KeyValue(
            key, CrashingWriter.valueOf(key), ack.getValue(), ack.getValue()));
      }
      long newestAck = acknowledged.values().stream().mapToLong(Long::longValue).max()
          .orElseThrow();
      assertThat(store.currentRevision()).isGreaterThanOrEqualTo(newestAck);
    }
  }

  private static Process startWriter(Path file, int threads) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-cp",
        System.getProperty("java.class.path"), CrashingWriter.class.getName(),
        file.toString(), Integer.toString(threads)));
    return new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
