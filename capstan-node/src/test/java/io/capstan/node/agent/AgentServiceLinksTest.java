package io.capstan.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service-link variables on the process runtime: containers start with the variables of the
 * Services that exist then, the master service always, the container's own env winning.
 */
class AgentServiceLinksTest {

  @TempDir
  Path temp;

  private AgentFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new AgentFixture(temp, false);
    // The API server makes default/kubernetes itself, at the first address of its range.
    createService(ServiceLinkVariablesTest.service("default", "my-db", "127.96.0.20",
        ServiceLinkVariablesTest.port("pg", 5432, "TCP")));
    createService(ServiceLinkVariablesTest.service("default", "headless", "None",
        ServiceLinkVariablesTest.port("web", 80, "TCP")));
    fixture.startAgent();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void containersGetTheServicesOfTheirNamespaceBelowTheirOwnEnv() {
    Pod pod = fixture.podBuilder("linked", "Always", dumpEnv("linked")).editSpec()
        .editFirstContainer()
        .addNewEnv().withName("MY_DB_SERVICE_PORT").withValue("overridden").endEnv()
        .addNewEnv().withName("DB_URL")
        .withValue("pg://$(MY_DB_SERVICE_HOST):$(MY_DB_SERVICE_PORT_PG)").endEnv().endContainer().endSpec().build();
    fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).resource(pod).create();

    Map<String, String> env = awaitRuns("linked", 1).getFirst();

    assertThat(env).containsEntry("MY_DB_SERVICE_HOST", "127.96.0.20")
        .containsEntry("MY_DB_SERVICE_PORT", "overridden")
        .containsEntry("MY_DB_SERVICE_PORT_PG", "5432")
        .containsEntry("MY_DB_PORT", "tcp://127.96.0.20:5432")
        .containsEntry("MY_DB_PORT_5432_TCP", "tcp://127.96.0.20:5432")
        .containsEntry("MY_DB_PORT_5432_TCP_PROTO", "tcp")
        .containsEntry("MY_DB_PORT_5432_TCP_PORT", "5432")
        .containsEntry("MY_DB_PORT_5432_TCP_ADDR", "127.96.0.20")
        .containsEntry("DB_URL", "pg://127.96.0.20:5432")
        .containsEntry("KUBERNETES_SERVICE_HOST", "127.96.0.1")
        .containsEntry("KUBERNETES_SERVICE_PORT", "443")
        .containsEntry("KUBERNETES_PORT_443_TCP", "tcp://127.96.0.1:443");
    assertThat(env.keySet()).noneMatch(name -> name.startsWith("HEADLESS_"));
  }

  @Test
  void withServiceLinksOffOnlyTheMasterServiceRemains() {
    Pod pod = fixture.podBuilder("unlinked", "Always", dumpEnv("unlinked")).editSpec()
        .withEnableServiceLinks(false).endSpec().build();
    fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).resource(pod).create();

    Map<String, String> env = awaitRuns("unlinked", 1).getFirst();

    assertThat(env).containsEntry("KUBERNETES_SERVICE_HOST", "127.96.0.1")
        .containsEntry("KUBERNETES_PORT", "tcp://127.96.0.1:443");
    assertThat(env.keySet()).noneMatch(name -> name.startsWith("MY_DB_"));
  }

  @Test
  void aServiceCreatedLaterOnlyReachesTheNextRun() throws IOException {
    Path exit = temp.resolve("exit");
    // Each run dumps its environment, then waits for the exit file and removes it.
    fixture.createPod("later", "Always", dumpEnvScript("later")
        + "; while [ ! -f " + exit + " ]; do sleep 0.1; done; rm -f " + exit);
    List<Map<String, String>> first = awaitRuns("later", 1);
    assertThat(first.getFirst()).doesNotContainKey("LATE_SERVICE_HOST");

    createService(ServiceLinkVariablesTest.service("default", "late", "127.96.0.30",
        ServiceLinkVariablesTest.port(null, 8080, "TCP")));
    // The running container is left alone: it neither restarts nor gains the variables.
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
        .until(() -> runs("later").size() == 1);
    Files.writeString(exit, "");

    List<Map<String, String>> runs = awaitRuns("later", 2);
    assertThat(runs).filteredOn(env -> env.containsKey("LATE_SERVICE_HOST")).singleElement()
        .satisfies(env -> assertThat(env).containsEntry("LATE_PORT", "tcp://127.96.0.30:8080"));
    assertThat(runs).filteredOn(env -> !env.containsKey("LATE_SERVICE_HOST")).hasSize(1);
  }

  private void createService(Service service) {
    fixture.client.services().inNamespace(service.getMetadata().getNamespace())
        .resource(service).create();
  }

  private String dumpEnv(String pod) {
    return dumpEnvScript(pod) + "; sleep 60";
  }

  /**
   * Writes the run's environment to {@code <pod>-<pid>.env} in the temp dir ({@code $$$$} is the
   * shell's {@code $$} once the agent has expanded the command).
   */
  private String dumpEnvScript(String pod) {
    Path base = temp.resolve(pod);
    return "env > " + base + "-$$$$.tmp && mv " + base + "-$$$$.tmp " + base + "-$$$$.env";
  }

  private List<Map<String, String>> awaitRuns(String pod, int count) {
    await().atMost(Duration.ofSeconds(10)).until(() -> runs(pod).size() >= count);
    return runs(pod);
  }

  /** The environments the runs of {@code pod} dumped, oldest first. */
  private List<Map<String, String>> runs(String pod) {
    try (Stream<Path> files = Files.list(temp)) {
      return files.filter(f -> f.getFileName().toString().startsWith(pod + "-")
              && f.getFileName().toString().endsWith(".env"))
          .sorted((a, b) -> Long.compare(modified(a), modified(b)))
          .map(AgentServiceLinksTest::parse).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> parse(Path file) {
    try {
      return Files.readAllLines(file).stream().filter(line -> line.contains("="))
          .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
              line -> line.substring(line.indexOf('=') + 1), (a, b) -> b));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
