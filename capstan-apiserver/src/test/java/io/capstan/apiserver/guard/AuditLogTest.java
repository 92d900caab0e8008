package io.capstan.apiserver.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.capstan.apiserver.guard.AuditRecord.ObjectRef;
import io.capstan.apiserver.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class AuditLogTest {

  private static final Instant RECEIVED = Instant.parse("2026-11-25T10:00:00.123456789Z");
  private static final Clock CLOCK = Clock.fixed(RECEIVED, ZoneOffset.UTC);

  @TempDir
  Path dir;

  @Test
  void linesAreKubernetesAuditEventsAtLevelMetadata() throws Exception {
    UUID id = UUID.randomUUID();
    try (AuditLog log = AuditLog.open(dir, CLOCK)) {
      log.record(created(id, "web"));
      log.record(new AuditRecord(UUID.randomUUID(), "DELETE",
          "/apis/apps/v1/namespaces/default/deployments/gone", "delete", "admin",
          List.of("system:masters"), "10.0.0.7", "", new ObjectRef("deployments", "default",
              "gone", "apps", "v1", ""), 404, "NotFound",
          "deployments.apps \"gone\" not found", RECEIVED, RECEIVED.plusMillis(3)));
    }

    List<JsonNode> events = events(dir.resolve("audit.log"));
    assertThat(events).hasSize(2);
    JsonNode create = events.getFirst();
    assertThat(fieldNames(create)).containsExactlyInAnyOrder("kind", "apiVersion", "level",
        "auditID", "stage", "requestURI", "verb", "user", "sourceIPs", "userAgent", "objectRef",
        "responseStatus", "requestReceivedTimestamp", "stageTimestamp");
    assertThat(create.path("kind").asString()).isEqualTo("Event");
    assertThat(create.path("apiVersion").asString()).isEqualTo("audit.k8s.io/v1");
    assertThat(create.path("level").asString()).isEqualTo("Metadata");
    assertThat(create.path("auditID").asString()).isEqualTo(id.toString());
    assertThat(create.path("stage").asString()).isEqualTo("ResponseComplete");
    assertThat(create.path("requestURI").asString())
        .isEqualTo("/api/v1/namespaces/default/pods?fieldManager=kubectl-create");
    assertThat(create.path("verb").asString()).isEqualTo("create");
    assertThat(create.path("user").path("username").asString()).isEqualTo("alice");
    assertThat(create.path("user").path("groups").get(0).asString())
        .isEqualTo("system:authenticated");
    assertThat(create.path("sourceIPs").get(0).asString()).isEqualTo("127.0.0.1");
    assertThat(create.path("userAgent").asString()).isEqualTo("kubectl/v1.32.0 (linux/amd64)");
    assertThat(fieldNames(create.path("objectRef")))
        .containsExactlyInAnyOrder("resource", "namespace", "name", "apiVersion");
    assertThat(create.path("objectRef").path("name").asString()).isEqualTo("web");
    assertThat(fieldNames(create.path("responseStatus"))).containsExactlyInAnyOrder("metadata",
        "code");
    assertThat(create.path("responseStatus").path("code").asInt()).isEqualTo(201);
    assertThat(create.path("requestReceivedTimestamp").asString())
        .isEqualTo("2026-11-25T10:00:00.123456Z");
    assertThat(create.path("stageTimestamp").asString()).isEqualTo("2026-11-25T10:00:00.135456Z");

    JsonNode delete = events.get(1);
    assertThat(delete.path("objectRef").path("apiGroup").asString()).isEqualTo("apps");
    assertThat(delete.has("userAgent")).isFalse();
    JsonNode failure = delete.path("responseStatus");
    assertThat(failure.path("status").asString()).isEqualTo("Failure");
    assertThat(failure.path("reason").asString()).isEqualTo("NotFound");
    assertThat(failure.path("message").asString()).isEqualTo("deployments.apps \"gone\" not found");
    assertThat(failure.path("code").asInt()).isEqualTo(404);
  }

  @Test
  void recordsAreFlushedWithoutWaitingForClose() throws Exception {
    try (AuditLog log = AuditLog.open(dir, CLOCK)) {
      log.record(created(UUID.randomUUID(), "a"));

      await().atMost(Duration.ofSeconds(5)).until(() -> events(dir.resolve("audit.log")).size()
          == 1);
    }
  }

  @Test
  void fileIsOwnerOnlyEvenIfItExistedWider() throws Exception {
    Path file = dir.resolve("audit.log");
    Files.writeString(file, "");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    try (AuditLog log = AuditLog.open(dir, CLOCK)) {
      log.record(created(UUID.randomUUID(), "a"));
    }

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void rotationKeepsTheConfiguredNumberOfOwnerOnlyBackups() throws Exception {
    Path file = dir.resolve("audit.log");
    int lineBytes = line(created(UUID.randomUUID(), "pod-000")).length;
    List<UUID> ids = new ArrayList<>();
    try (AuditLog log = AuditLog.open(file, CLOCK,
        new AuditLog.Options(lineBytes * 5L, 2, 1000))) {
      for (int i = 0; i < 23; i++) {
        UUID id = UUID.randomUUID();
        ids.add(id);
        log.record(created(id, "pod-%03d".formatted(i)));
      }
    }

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("audit.log", "audit.log.1", "audit.log.2");
    }
    List<String> kept = new ArrayList<>();
    for (Path p : List.of(dir.resolve("audit.log.2"), dir.resolve("audit.log.1"), file)) {
      assertThat(Files.size(p)).isLessThanOrEqualTo(lineBytes * 5L);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
          .isEqualTo("rw-------");
      events(p).forEach(e -> kept.add(e.path("auditID").asString()));
    }
    // 23 lines, 5 per file: the newest 3 in audit.log, 5 each in .1 and .2, the 10 oldest gone.
    assertThat(kept).containsExactlyElementsOf(
        ids.subList(10, 23).stream().map(UUID::toString).toList());
  }

  @Test
  void fullQueueDropsWithoutBlocking() throws Exception {
    BlockedSink sink = new BlockedSink();
    AuditLog log = new AuditLog(sink, CLOCK, 2).start();
    log.record(created(UUID.randomUUID(), "taken"));
    assertThat(sink.entered.await(10, TimeUnit.SECONDS)).isTrue();

    List<Boolean> accepted = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      List<Boolean> results = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        results.add(log.record(created(UUID.randomUUID(), "r" + i)));
      }
      return results;
    });

    assertThat(accepted).containsExactly(true, true, false, false, false, false, false, false,
        false, false);
    assertThat(log.dropped()).isEqualTo(8);
    sink.release.countDown();
    log.close();
    assertThat(sink.lines).hasSize(3);
    assertThat(log.written()).isEqualTo(3);
    assertThat(log.record(created(UUID.randomUUID(), "late"))).isFalse();
  }

  record VerbCase(String name, String method, boolean named, String verb) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<VerbCase> verbs() {
    return Stream.of(
        new VerbCase("POST", "POST", false, "create"),
        new VerbCase("PUT", "PUT", true, "update"),
        new VerbCase("PATCH", "patch", true, "patch"),
        new VerbCase("DELETE object", "DELETE", true, "delete"),
        new VerbCase("DELETE collection", "DELETE", false, "deletecollection"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("verbs")
  void verbsAreKubernetesVerbs(VerbCase c) {
    assertThat(AuditRecord.verbOf(c.method(), c.named())).isEqualTo(c.verb());
    assertThat(AuditRecord.isMutating(c.method())).isTrue();
  }

  @Test
  void readsAreNotMutating() {
    assertThat(Stream.of("GET", "HEAD", "OPTIONS")).noneMatch(AuditRecord::isMutating);
  }

  private static AuditRecord created(UUID id, String name) {
    return new AuditRecord(id, "POST",
        "/api/v1/namespaces/default/pods?fieldManager=kubectl-create", "create", "alice",
        List.of("system:authenticated"), "127.0.0.1", "kubectl/v1.32.0 (linux/amd64)",
        new ObjectRef("pods", "default", name, "", "v1", ""), 201, "", "", RECEIVED,
        RECEIVED.plusMillis(12));
  }

  private static byte[] line(AuditRecord record) {
    return (Json.MAPPER.writeValueAsString(AuditEvents.toEvent(record)) + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static List<JsonNode> events(Path file) throws IOException {
    List<JsonNode> events = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      events.add(Json.MAPPER.readTree(line));
    }
    return events;
  }

  private static Set<String> fieldNames(JsonNode node) {
    return Set.copyOf(node.propertyNames());
  }

  /** A sink whose first append waits for the test: the writer is stuck, the queue fills. */
  private static final class BlockedSink implements AuditSink {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final List<byte[]> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void append(byte[] line) throws IOException {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      lines.add(line);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  }
}
