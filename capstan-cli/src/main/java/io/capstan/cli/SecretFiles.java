package io.capstan.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/** Files that hold credentials: written atomically with mode 0600, tokens generated once. */
final class SecretFiles {

  private SecretFiles() {}

  /** Reads the token in {@code file}, creating a random one on first use. */
  static String token(Path file, RandomGenerator random) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    byte[] bytes = new byte[24];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    String token = HexFormat.of().formatHex(bytes);
    write(file, token + "\n");
    return token;
  }

  static RandomGenerator secureRandom() {
    return new SecureRandom();
  }

  /** Replaces {@code file} with {@code content}, never leaving it readable by others. */
  static void write(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp);
    }
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
