package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;

/**
 * The everyday kubectl session that {@link CompatibilitySuiteTest} runs with every client, one
 * scenario per verb, in order: each builds on what the previous ones left. A scenario checks what
 * the client printed and, through the fabric8 client, what it did to the cluster.
 */
final class CompatibilityScenarios {

  private CompatibilityScenarios() {}

  /** One row of the table: a verb as a user types it, and the steps that exercise it. */
  record Scenario(String verb, Step step) {}

  /** What a scenario does with one client in its own namespace. */
  interface Step {
    void run(Session session) throws Exception;
  }

  /** One client, its namespace, and a fabric8 client to look at the cluster independently. */
  record Session(Kubectl kubectl, String namespace, KubernetesClient client) {

    Kubectl.Result ok(String... args) throws Exception {
      return kubectl.ok(withNamespace(args));
    }

    Kubectl.Result okWithInput(String stdin, String... args) throws Exception {
      return kubectl.okWithInput(stdin, withNamespace(args));
    }

    /** Runs the client, expecting it to fail with exit code 1. */
    Kubectl.Result fails(String stdin, String... args) throws Exception {
      Kubectl.Result result = kubectl.runWithInput(stdin, withNamespace(args));
      assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result).isEqualTo(1);
      return result;
    }

    private String[] withNamespace(String... args) {
      String[] all = new String[args.length + 2];
      all[0] = "-n";
      all[1] = namespace;
      System.arraycopy(args, 0, all, 2, args.length);
      return all;
    }

    Deployment web() {
      return client.apps().deployments().inNamespace(namespace).withName("web").get();
    }

    String image() {
      return web().getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
    }

    /** Waits until the Deployment's rollout is complete: every replica updated and available. */
    void awaitRolledOut(int replicas) {
      await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
        Deployment d = web();
        assertThat(d.getStatus().getObservedGeneration()).isEqualTo(d.getMetadata()
            .getGeneration());
        assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(replicas);
        assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(replicas);
        assertThat(d.getStatus().getReplicas()).isEqualTo(replicas);
      });
    }
  }

  /** A Deployment {@code web} of busybox processes that log their pod's name and then wait. */
  static String deployment(String image, String label) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {tier: %s}
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              terminationGracePeriodSeconds: 5
              containers:
              - name: app
                image: %s
                command: ["%s", "sh", "-c", "echo started $HOSTNAME; exec %s sleep 3600"]
        """.formatted(label, image, Busybox.path(), Busybox.path());
  }

  static List<Scenario> all() {
    return List.of(
        new Scenario("create -f", s -> {
          Kubectl.Result r = s.okWithInput(deployment("web:v1", "front"), "create", "-f", "-");
          assertThat(r.out()).isEqualTo("deployment.apps/web created\n");
          assertThat(s.web().getMetadata().getLabels()).containsEntry("tier", "front");
          s.awaitRolledOut(2);
        }),
        new Scenario("get", s -> {
          Kubectl.Result r = s.ok("get", "deployments");
          assertThat(r.out()).startsWith("NAME   READY   UP-TO-DATE   AVAILABLE   AGE\n")
              .contains("web    2/2     2            2");
          assertThat(s.ok("get", "deploy", "web", "-o", "name").out())
              .isEqualTo("deployment.apps/web\n");
        }),
        new Scenario("apply -f", s -> {
          Kubectl.Result r = s.okWithInput(deployment("web:v1", "edge"), "apply", "-f", "-");
          assertThat(r.out()).isEqualTo("deployment.apps/web configured\n");
          assertThat(s.web().getMetadata().getLabels()).containsEntry("tier", "edge");
          assertThat(s.okWithInput(deployment("web:v1", "edge"), "apply", "-f", "-").out())
              .isEqualTo("deployment.apps/web unchanged\n");
        }),
        new Scenario("scale", s -> {
          assertThat(s.ok("scale", "deployment", "web", "--replicas=3").out())
              .isEqualTo("deployment.apps/web scaled\n");
          s.awaitRolledOut(3);
        }),
        new Scenario("set image", s -> {
          assertThat(s.ok("set", "image", "deployment/web", "app=web:v2").out())
              .isEqualTo("deployment.apps/web image updated\n");
          assertThat(s.image()).isEqualTo("web:v2");
        }),
        new Scenario("rollout status", s -> {
          Kubectl.Result r = s.ok("rollout", "status", "deployment/web", "--timeout=90s");
          assertThat(r.out()).endsWith("deployment \"web\" successfully rolled out\n");
          s.awaitRolledOut(3);
        }),
        new Scenario("rollout history", s -> {
          Kubectl.Result r = s.ok("rollout", "history", "deployment/web");
          assertThat(r.out()).startsWith("deployment.apps/web \n")
              .containsPattern("(?m)^1 +<none>$").containsPattern("(?m)^2 +<none>$");
        }),
        new Scenario("rollout undo", s -> {
          assertThat(s.ok("rollout", "undo", "deployment/web", "--to-revision=1").out())
              .isEqualTo("deployment.apps/web rolled back\n");
          assertThat(s.image()).isEqualTo("web:v1");
          s.ok("rollout", "status", "deployment/web", "--timeout=90s");
          s.awaitRolledOut(3);
        }),
        new Scenario("rollout pause, resume", s -> {
          assertThat(s.ok("rollout", "pause", "deployment/web").out())
              .isEqualTo("deployment.apps/web paused\n");
          assertThat(s.web().getSpec().getPaused()).isTrue();
          assertThat(s.ok("rollout", "resume", "deployment/web").out())
              .isEqualTo("deployment.apps/web resumed\n");
          assertThat(s.web().getSpec().getPaused()).isNull();
        }),
        new Scenario("rollout restart", s -> {
          assertThat(s.ok("rollout", "restart", "deployment/web").out())
              .isEqualTo("deployment.apps/web restarted\n");
          assertThat(s.web().getSpec().getTemplate().getMetadata().getAnnotations())
              .containsKey("kubectl.kubernetes.io/restartedAt");
          s.ok("rollout", "status", "deployment/web", "--timeout=90s");
          s.awaitRolledOut(3);
        }),
        new Scenario("logs", s -> {
          await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
              assertThat(s.ok("logs", "deployment/web").out()).startsWith("started web-"));
        }),
        new Scenario("create configmap", s -> {
          assertThat(s.ok("create", "configmap", "cfg", "--from-literal=color=blue").out())
              .isEqualTo("configmap/cfg created\n");
          assertThat(s.ok("get", "configmap", "cfg", "-o", "jsonpath={.data.color}").out())
              .isEqualTo("blue");
        }),
        new Scenario("errors: not found, already exists, invalid", s -> {
          assertThat(s.fails(null, "get", "deployment", "missing").err()).isEqualTo(
              "Error from server (NotFound): deployments.apps \"missing\" not found\n");
          String configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: %s}\n";
          s.okWithInput(configMap.formatted("dup"), "create", "-f", "-");
          assertThat(s.fails(configMap.formatted("dup"), "create", "-f", "-").err()).isEqualTo(
              "Error from server (AlreadyExists): error when creating \"STDIN\": configmaps "
                  + "\"dup\" already exists\n");
          assertThat(s.fails(configMap.formatted("Bad_Name"), "create", "-f", "-").err())
              .startsWith("The ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: "
                  + "\"Bad_Name\": a lowercase RFC 1123 subdomain must consist of");
          s.ok("delete", "configmap", "dup");
        }),
        new Scenario("delete", s -> {
          assertThat(s.ok("delete", "configmap", "cfg").out())
              .isEqualTo("configmap \"cfg\" deleted\n");
          assertThat(s.ok("delete", "deployment", "web").out())
              .isEqualTo("deployment.apps \"web\" deleted\n");
          assertThat(s.web()).isNull();
          await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
              s.client().pods().inNamespace(s.namespace()).list().getItems()).isEmpty());
        }));
  }
}
