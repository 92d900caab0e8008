package io.capstan.node.simulated;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback addresses for simulated nodes (127.0.x.y, from 127.0.0.2) and pods (127.1.0.1 onwards,
 * unique per simulator; about 16 million before wrapping, far more than one process will run).
 */
final class Addresses {

  private final AtomicInteger nextPod = new AtomicInteger(1);

  static String node(int index) {
    int n = index + 2;
    return "127.0." + ((n >> 8) & 0xff) + "." + (n & 0xff);
  }

  String nextPod() {
    int n = nextPod.getAndIncrement() & 0xffffff;
    return "127." + (1 + ((n >> 16) % 255)) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
  }
}
