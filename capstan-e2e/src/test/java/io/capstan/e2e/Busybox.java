package io.capstan.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's static busybox, unpacked into .tools/ by bin/install-test-tools.sh: the shell and the
 * HTTP server that process-runtime tests run as their pods' commands.
 */
final class Busybox {

  private Busybox() {}

  /** The absolute path of the busybox binary; skips the test when it is not installed. */
  static String path() {
    Path busybox = Path.of(System.getProperty("capstan.tools", "../.tools"))
        .resolve("busybox/bin/busybox").toAbsolutePath().normalize();
    Assumptions.assumeTrue(Files.isExecutable(busybox),
        "busybox is not installed; run bin/install-test-tools.sh");
    return busybox.toString();
  }
}
