package io.capstan.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The server's data directory (default {@code ~/.capstan}): the database, the admin kubeconfig, the
 * node join token, the certificates and the audit log. It holds credentials, so it is private to
 * its owner.
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

  /** The CA, the serving certificate and the service-account signing key. */
  Path tls() {
    return root.resolve("tls");
  }

  /** This machine's node's own client certificates, obtained by joining. */
  Path nodeCredentials() {
    return root.resolve("node");
  }

  /** Mutating requests: who, what, when, with what result. */
  Path auditLog() {
    return root.resolve("audit.log");
  }
}
