package io.capstan.store.sqlite;

import io.capstan.store.KeyValue;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link SqliteCrashTest}: writes keys from several threads for ever and
 * prints {@code ACK <key> <revision>} for each write once the store has acknowledged it, until it
 * is killed.
 */
public final class CrashingWriter {

  public static final String ACK = "ACK ";

  private CrashingWriter() {}

  public static void main(String[] args) throws InterruptedException {
    Path file = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    SqliteStore store = SqliteStore.open(file, SqliteStore.Options.defaults());
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      writers.add(Thread.ofPlatform().start(() -> {
        for (int n = 0; ; n++) {
          String key = "/crash/" + thread + "/" + n;
          KeyValue written = store.create(key, valueOf(key));
          synchronized (out) {
            out.println(ACK + key + " " + written.modRevision());
          }
        }
      }));
    }
    for (Thread writer : writers) {
      writer.join();
    }
  }

  static byte[] valueOf(String key) {
    return ("value of " + key).getBytes(StandardCharsets.UTF_8);
  }
}
