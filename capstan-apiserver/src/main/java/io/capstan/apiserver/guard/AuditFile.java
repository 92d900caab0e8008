package io.capstan.apiserver.guard;

import io.capstan.apiserver.tls.SecureFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The audit file, owner-only (0600) from the moment it exists, rotated by size the way
 * kube-apiserver's {@code --audit-log-maxsize}/{@code --audit-log-maxbackup} do: when the next
 * line would pass {@code maxBytes}, {@code audit.log} becomes {@code audit.log.1}, older backups
 * shift up by one, and the one past {@code maxBackups} is deleted. Used by one thread only.
 */
final class AuditFile implements AuditSink {

  private final Path file;
  private final long maxBytes;
  private final int maxBackups;
  private OutputStream out;
  private long size;

  AuditFile(Path file, long maxBytes, int maxBackups) throws IOException {
    if (maxBytes <= 0 || maxBackups < 0) {
      throw new IllegalArgumentException("maxBytes must be positive and maxBackups not negative");
    }
    this.file = file;
    this.maxBytes = maxBytes;
    this.maxBackups = maxBackups;
    SecureFiles.createPrivateDirectories(file.toAbsolutePath().getParent());
    open();
  }

  /** Appends one line (its newline included), rotating first if it would not fit. */
  @Override
  public void append(byte[] line) throws IOException {
    if (size > 0 && size + line.length > maxBytes) {
      rotate();
    }
    out.write(line);
    size += line.length;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  static Path backup(Path file, int n) {
    return file.resolveSibling(file.getFileName() + "." + n);
  }

  private void rotate() throws IOException {
    out.close();
    if (maxBackups == 0) {
      Files.delete(file);
    } else {
      Files.deleteIfExists(backup(file, maxBackups));
      for (int n = maxBackups - 1; n >= 1; n--) {
        if (Files.exists(backup(file, n))) {
          Files.move(backup(file, n), backup(file, n + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(file, backup(file, 1), StandardCopyOption.REPLACE_EXISTING);
    }
    open();
  }

  private void open() throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] attributes = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(SecureFiles.PRIVATE)}
        : new FileAttribute<?>[0];
    FileChannel channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.APPEND), attributes);
    if (posix) {
      // The umask may have narrowed the mode, and a file left by an older run may be wider.
      Files.setPosixFilePermissions(file, SecureFiles.PRIVATE);
    }
    size = channel.size();
    out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
  }
}
