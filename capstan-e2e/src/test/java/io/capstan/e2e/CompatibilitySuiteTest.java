package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.e2e.CompatibilityScenarios.Scenario;
import io.capstan.e2e.CompatibilityScenarios.Session;
import io.capstan.e2e.CompatibilityTable.Outcome;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same everyday session (create, get, apply, scale, set image, rollout status, history, undo,
 * pause, resume, restart, logs, configmaps, delete) run with the real kubectl 1.32 (where the
 * machine has it), Debian's kubectl 1.20 and {@code capstan kubectl}, each in its own namespace of
 * one real server whose pods are real processes. The outcome is written to docs/compatibility.md,
 * so the table there is measured, not typed; then every client must have passed every scenario.
 */
class CompatibilitySuiteTest {

  @TempDir
  Path dataDir;

  @Test
  void everyClientPassesEveryScenario() throws Exception {
    Busybox.path();
    try (CapstanProcess capstan = CapstanProcess.start(dataDir, "--node-name", "compat",
        "--pod-cidr", "127.43.0.0/16", "--service-cidr", "127.105.0.0/16");
        KubernetesClient client = new KubernetesClientBuilder().withConfig(
            Config.fromKubeconfig(Files.readString(capstan.kubeconfig()))).build()) {
      List<Kubectl> clients = Kubectl.allClients(capstan.kubeconfig());
      Map<String, Map<String, Outcome>> outcomes = runAll(clients, client);
      List<String> verbs = CompatibilityScenarios.all().stream().map(Scenario::verb).toList();
      List<String> names = clients.stream().map(CompatibilitySuiteTest::column).toList();
      CompatibilityTable.write(Path.of("../docs/compatibility.md"),
          CompatibilityTable.render(verbs, names, outcomes));
      List<String> failures = new ArrayList<>();
      outcomes.forEach((name, byVerb) -> byVerb.forEach((verb, outcome) -> {
        if (!outcome.passed()) {
          failures.add(name + " / " + verb + ":\n" + outcome.failure());
        }
      }));
      assertThat(failures).as(String.join("\n\n", failures)).isEmpty();
    }
  }

  /** Each client's session runs in its own thread and namespace, all at once. */
  private static Map<String, Map<String, Outcome>> runAll(List<Kubectl> clients,
      KubernetesClient client) throws Exception {
    Map<String, Map<String, Outcome>> outcomes = new LinkedHashMap<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients.size())) {
      Map<String, Future<Map<String, Outcome>>> running = new LinkedHashMap<>();
      for (Kubectl kubectl : clients) {
        String namespace = "compat-" + column(kubectl).replaceAll("[^a-z0-9]+", "-");
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
            .withName(namespace).endMetadata().build()).create();
        running.put(column(kubectl),
            pool.submit(() -> session(new Session(kubectl, namespace, client))));
      }
      for (Map.Entry<String, Future<Map<String, Outcome>>> e : running.entrySet()) {
        outcomes.put(e.getKey(), e.getValue().get());
      }
    }
    return outcomes;
  }

  private static Map<String, Outcome> session(Session session) {
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    for (Scenario scenario : CompatibilityScenarios.all()) {
      try {
        scenario.step().run(session);
        outcomes.put(scenario.verb(), new Outcome(true, ""));
      } catch (Exception | AssertionError e) {
        outcomes.put(scenario.verb(), new Outcome(false, e.toString()));
      }
    }
    return outcomes;
  }

  /** The table's heading for a client: {@code kubectl 1.32}, {@code capstan kubectl}. */
  private static String column(Kubectl kubectl) {
    return kubectl.name().replace("kubectl-", "kubectl ");
  }
}
