package io.capstan.node.runtime.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.ToStringSerializer;

/**
 * The runtime's records on disk: one small JSON file per sandbox and per container under the state
 * directory, each replaced atomically (written to a temporary sibling, then renamed over), so a
 * crash leaves either the old or the new record and never half of one. Paths are stored as the
 * strings they were given (Jackson's default would turn a relative path into an absolute URI).
 */
final class StateStore {

  private static final Logger log = LoggerFactory.getLogger(StateStore.class);

  private final Path sandboxes;
  private final Path containers;
  private final Path work;
  private final JsonMapper mapper;

  StateStore(Path stateDirectory) throws IOException {
    sandboxes = Files.createDirectories(stateDirectory.resolve("sandboxes"));
    containers = Files.createDirectories(stateDirectory.resolve("containers"));
    work = Files.createDirectories(stateDirectory.resolve("work"));
    SimpleModule paths = new SimpleModule("capstan-paths");
    paths.addSerializer(Path.class, ToStringSerializer.instance);
    paths.addDeserializer(Path.class, new PathDeserializer());
    // Jackson 3 writes java.time values as ISO-8601 strings by default.
    mapper = JsonMapper.builder().addModule(paths).build();
  }

  /** The default working directory of a container, created on first use. */
  Path workingDirectory(String containerId) throws IOException {
    return Files.createDirectories(work.resolve(containerId));
  }

  /** Where a container's start prelude leaves the reason it could not start the command. */
  Path startErrorFile(String containerId) {
    return containers.resolve(containerId + ".start-error");
  }

  void save(SandboxRecord sandbox) {
    write(sandboxes.resolve(sandbox.id() + ".json"), sandbox);
  }

  void save(ContainerRecord container) {
    write(containers.resolve(container.id() + ".json"), container);
  }

  void delete(SandboxRecord sandbox) throws IOException {
    Files.deleteIfExists(sandboxes.resolve(sandbox.id() + ".json"));
  }

  /** Forgets a container: its record, its start-error note and its default working directory. */
  void delete(ContainerRecord container) throws IOException {
    Files.deleteIfExists(containers.resolve(container.id() + ".json"));
    Files.deleteIfExists(startErrorFile(container.id()));
    deleteTree(work.resolve(container.id()));
  }

  List<SandboxRecord> loadSandboxes() throws IOException {
    return load(sandboxes, SandboxRecord.class);
  }

  List<ContainerRecord> loadContainers() throws IOException {
    return load(containers, ContainerRecord.class);
  }

  private <T> List<T> load(Path directory, Class<T> type) throws IOException {
    List<T> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        try {
          records.add(mapper.readValue(file.toFile(), type));
        } catch (JacksonException e) {
          log.warn("Skipping unreadable runtime record file={} error={}", file, e.getMessage());
        }
      }
    }
    return records;
  }

  private void write(Path file, Object record) {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.write(temporary, mapper.writeValueAsBytes(record));
      try {
        Files.move(
            temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write runtime state " + file, e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static final class PathDeserializer extends StdDeserializer<Path> {
    PathDeserializer() {
      super(Path.class);
    }

    @Override
    public Path deserialize(JsonParser parser, DeserializationContext context) {
      return Path.of(parser.getString());
    }
  }
}
