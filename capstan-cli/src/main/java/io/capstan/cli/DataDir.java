package io.capstan.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The server's data directory (default {@code ~/.capstan}): the database, the admin kubeconfig and
 * the node join token. It holds credentials, so it is private to its owner.
 */
record DataDir(Path root) {

  static Path defaultRoot() {
    return Path.of(System.getProperty("user.home"), ".capstan");
  }

  static DataDir create(Path root) throws IOException {
    Path dir = root.toAbsolutePath();
    Files.createDirectories(dir);
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system; nothing more to do.
    }
    return new DataDir(dir);
  }

  Path database() {
    return root.resolve("state.db");
  }

  Path kubeconfig() {
    return root.resolve("kubeconfig.yaml");
  }

  Path nodeToken() {
    return root.resolve("node-token");
  }

  Path adminToken() {
    return root.resolve("admin-token");
  }
}
