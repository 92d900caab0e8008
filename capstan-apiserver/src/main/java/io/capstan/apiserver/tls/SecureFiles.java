package io.capstan.apiserver.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Writes files so that a crash never leaves half of one and a secret is never readable by others,
 * not even for a moment: the content goes to a temporary file in the same directory, created with
 * its final mode, is forced to disk, and is then renamed over the target.
 */
public final class SecureFiles {

  /** Owner read/write only: keys, kubeconfigs, tokens. */
  public static final Set<PosixFilePermission> PRIVATE =
      PosixFilePermissions.fromString("rw-------");
  /** World-readable: certificates, which are public by nature. */
  public static final Set<PosixFilePermission> PUBLIC =
      PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> PRIVATE_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private SecureFiles() {
  }

  /** Writes {@code content} to {@code target} with mode 0600. */
  public static void writePrivate(Path target, String content) {
    write(target, content, PRIVATE);
  }

  /** Writes {@code content} to {@code target} with mode 0644. */
  public static void writePublic(Path target, String content) {
    write(target, content, PUBLIC);
  }

  /** Creates {@code dir} and missing parents; a directory created here gets mode 0700. */
  public static void createPrivateDirectories(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        return;
      }
      if (posix()) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
      } else {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  private static void write(Path target, String content, Set<PosixFilePermission> mode) {
    Path dir = target.toAbsolutePath().getParent();
    createPrivateDirectories(dir);
    Path temp = null;
    try {
      FileAttribute<?>[] attributes = posix()
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
          : new FileAttribute<?>[0];
      temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attributes);
      if (posix()) {
        // The umask may have narrowed the mode at creation; set it exactly while still empty.
        Files.setPosixFilePermissions(temp, mode);
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      move(temp, target);
      temp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // The write already failed; that error is the one worth reporting.
        }
      }
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
