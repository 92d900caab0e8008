package io.capstan.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends HTTP/1.0 GETs to one or more addresses from a few threads, each request on a new
 * connection (so every request makes the proxy choose an endpoint), and counts answers by body and
 * every failure with its cause. The answering pods print their own name, so the counts say which
 * pods — and so which ReplicaSet — served.
 */
final class LoadGenerator implements AutoCloseable {

  private final List<InetSocketAddress> targets;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final AtomicLong requests = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();

  private LoadGenerator(List<InetSocketAddress> targets) {
    this.targets = List.copyOf(targets);
  }

  static LoadGenerator start(int threads, InetSocketAddress... targets) {
    LoadGenerator load = new LoadGenerator(List.of(targets));
    for (int i = 0; i < threads; i++) {
      int offset = i;
      load.threads.add(Thread.ofPlatform().daemon().name("load-" + i).start(() -> load.run(offset)));
    }
    return load;
  }

  private void run(int offset) {
    for (long n = offset; running.get(); n++) {
      InetSocketAddress target = targets.get((int) (n % targets.size()));
      requests.incrementAndGet();
      try {
        String body = get(target);
        answers.computeIfAbsent(body, b -> new AtomicLong()).incrementAndGet();
      } catch (IOException | RuntimeException e) {
        failures.add(target + ": " + e);
      }
    }
  }

  private static String get(InetSocketAddress target) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(target, 2000);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write("GET / HTTP/1.0\r\nHost: web\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (!response.startsWith("HTTP/1.0 200") && !response.startsWith("HTTP/1.1 200")) {
        throw new IOException("not a 200: " + response.lines().findFirst().orElse("(empty)"));
      }
      int body = response.indexOf("\r\n\r\n");
      return response.substring(body + 4).strip();
    }
  }

  long requests() {
    return requests.get();
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  /** Answers so far by body, and resets the counts so the next phase starts from zero. */
  Map<String, Long> takeAnswers() {
    Map<String, Long> taken = new java.util.TreeMap<>();
    answers.forEach((body, count) -> taken.put(body, count.getAndSet(0)));
    taken.values().removeIf(c -> c == 0);
    return taken;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join(10_000);
    }
  }
}
