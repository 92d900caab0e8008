package io.capstan.cli;

import io.capstan.store.Store;
import io.capstan.store.memory.MemoryStore;
import io.capstan.store.sqlite.SqliteStore;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * {@code --datastore-endpoint}: {@code sqlite:PATH} (the default, in the data directory) or
 * {@code memory:} (nothing survives a restart; for experiments).
 */
final class Datastore {

  private Datastore() {}

  static Store open(String endpoint, DataDir dataDir, CommandLine commandLine) {
    if (endpoint == null || endpoint.isBlank()) {
      return SqliteStore.open(dataDir.database(), SqliteStore.Options.defaults());
    }
    if (endpoint.startsWith("sqlite:")) {
      String path = endpoint.substring("sqlite:".length());
      Path file = path.isBlank() ? dataDir.database() : Path.of(path);
      return SqliteStore.open(file.toAbsolutePath(), SqliteStore.Options.defaults());
    }
    if (endpoint.equals("memory:") || endpoint.equals("memory")) {
      return new MemoryStore();
    }
    throw new CommandLine.ParameterException(commandLine, "unsupported --datastore-endpoint '"
        + endpoint + "': use sqlite:PATH or memory:");
  }
}
