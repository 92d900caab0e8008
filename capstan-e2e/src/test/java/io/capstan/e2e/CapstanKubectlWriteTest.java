package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.apiserver.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The writing verbs of {@code capstan kubectl} (apply, create, replace, delete, scale, label,
 * annotate, patch, set, edit) run the same steps as the real kubectl, each in its own namespace:
 * same output, same errors, same exit codes, and the same objects on the server afterwards.
 */
class CapstanKubectlWriteTest {

  @TempDir
  static Path dataDir;
  @TempDir
  static Path files;
  private static CapstanProcess capstan;

  @BeforeAll
  static void start() throws IOException {
    capstan = CapstanProcess.start(dataDir, "--runtime", "simulated", "--simulated-nodes", "1",
        "--service-cidr", "127.101.0.0/16");
    for (String name : List.of("web.yaml", "web-v2.yaml", "extra.yaml", "app.env")) {
      try (InputStream in = CapstanKubectlWriteTest.class
          .getResourceAsStream("/kubectl-write/" + name)) {
        Files.write(files.resolve(name), in.readAllBytes());
      }
    }
    Files.createDirectories(files.resolve("tree/sub"));
    Files.copy(files.resolve("web.yaml"), files.resolve("tree/web.yaml"));
    Files.copy(files.resolve("extra.yaml"), files.resolve("tree/sub/extra.yaml"));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (capstan != null) {
      capstan.close();
    }
  }

  /** One command; {@code stdin} is the name of a file to feed on standard input, or null. */
  record Step(String stdin, List<String> args) {
    static Step of(String... args) {
      return new Step(null, List.of(args));
    }
  }

  private static String file(String name) {
    return files.resolve(name).toString();
  }

  @Test
  void applyCreateAndDeleteAsKubectl() throws Exception {
    List<Step> steps = List.of(
        Step.of("apply", "-f", file("tree"), "-R"),
        Step.of("apply", "-f", file("tree"), "-R"),
        Step.of("label", "deployment", "web", "owner=ops"),
        Step.of("apply", "-f", file("web-v2.yaml"), "--dry-run=client"),
        Step.of("apply", "-f", file("web-v2.yaml")),
        new Step("web-v2.yaml", List.of("apply", "-f", "-", "-o", "name")),
        Step.of("create", "-f", file("extra.yaml")),
        Step.of("create", "configmap", "lit", "--from-literal=a=b", "--from-file=" + file("app.env"),
            "--from-file=renamed=" + file("extra.yaml")),
        Step.of("create", "configmap", "lit", "--from-literal=a=b"),
        Step.of("create", "configmap", "env", "--from-env-file=" + file("app.env")),
        Step.of("replace", "-f", file("extra.yaml")),
        Step.of("delete", "configmap", "lit", "missing"),
        Step.of("delete", "configmap", "-l", "nothing=here"),
        Step.of("delete", "-f", file("extra.yaml")),
        Step.of("delete", "-f", file("extra.yaml")),
        Step.of("delete", "-f", file("extra.yaml"), "--ignore-not-found"),
        Step.of("delete", "deployment", "x", "--cascade=bogus"));
    compare(steps, "kw-a", List.of("deployments/web", "configmaps/settings", "configmaps/env"));
  }

  @Test
  void changeVerbsAsKubectl() throws Exception {
    List<Step> steps = List.of(
        Step.of("create", "deployment", "api", "--image=registry.k8s.io/app-server:1.0",
            "--replicas=2", "--port=8080"),
        Step.of("create", "deployment", "api", "--image=nginx"),
        Step.of("scale", "deployment", "api", "--replicas=3"),
        Step.of("scale", "deployment/api", "--replicas=1", "--current-replicas=2"),
        Step.of("label", "deployment", "api", "team=a", "tier=web"),
        Step.of("label", "deployment", "api", "team=b"),
        Step.of("label", "deployment", "api", "team=b", "--overwrite"),
        Step.of("label", "deployment", "api", "tier-", "nope-"),
        Step.of("annotate", "deployment/api", "note=one"),
        Step.of("annotate", "deployment/api", "note=two"),
        Step.of("patch", "deployment", "api", "-p", "{\"spec\":{\"minReadySeconds\":5}}"),
        Step.of("patch", "deployment", "api", "-p", "{\"spec\":{\"minReadySeconds\":5}}"),
        Step.of("patch", "deployment", "api", "--type=json", "-p",
            "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":2}]"),
        Step.of("set", "image", "deployment/api", "app-server=app:2"),
        Step.of("set", "image", "deployment/api", "app-server=app:2"),
        Step.of("set", "image", "deployment/api", "nope=x"),
        Step.of("set", "env", "deployment/api", "MODE=fast", "LEVEL=3"),
        Step.of("set", "env", "deployment/api", "LEVEL-"),
        Step.of("set", "env", "deployment/api", "-c", "nope", "X=1"));
    compare(steps, "kw-b", List.of("deployments/api"));
  }

  @Test
  void editSendsWhatTheEditorChanged() throws Exception {
    Kubectl real = realKubectl();
    real.ok("create", "namespace", "kw-edit");
    real.ok("create", "deployment", "ed", "--image=nginx", "-n", "kw-edit");
    Kubectl.Result cancelled = edit("true", "deployment", "ed", "-n", "kw-edit");
    assertThat(cancelled.exitCode()).isZero();
    assertThat(cancelled.err()).isEqualTo("Edit cancelled, no changes made.\n");
    Kubectl.Result edited = edit("sed -i s/replicas:\\ 1/replicas:\\ 0/", "deployment/ed", "-n",
        "kw-edit");
    assertThat(edited.out()).as(edited.toString()).isEqualTo("deployment.apps/ed edited\n");
    assertThat(real.ok("get", "deployment", "ed", "-n", "kw-edit", "-o",
        "jsonpath={.spec.replicas}").out()).isEqualTo("0");
    Kubectl.Result deleted = Kubectl.capstan(capstan.kubeconfig())
        .run("delete", "deployment", "ed", "-n", "kw-edit", "--cascade=foreground");
    assertThat(deleted.out()).isEqualTo("deployment.apps \"ed\" deleted\n");
    Kubectl.Result gone = real.run("get", "deployment", "ed", "-n", "kw-edit");
    assertThat(gone.err()).as("delete waits until the object is gone")
        .contains("NotFound");
  }

  /** Runs the steps with both clients in namespaces NS-real and NS-capstan, then compares. */
  private static void compare(List<Step> steps, String ns, List<String> objects)
      throws Exception {
    Kubectl real = realKubectl();
    Kubectl ours = Kubectl.capstan(capstan.kubeconfig());
    String realNs = ns + "-real";
    String ourNs = ns + "-capstan";
    real.ok("create", "namespace", realNs);
    real.ok("create", "namespace", ourNs);
    List<String> expected = new ArrayList<>();
    List<String> actual = new ArrayList<>();
    for (Step step : steps) {
      expected.add(run(real, step, realNs));
      actual.add(run(ours, step, ourNs));
    }
    for (int i = 0; i < steps.size(); i++) {
      assertThat(actual.get(i)).as(String.join(" ", steps.get(i).args()))
          .isEqualTo(expected.get(i));
    }
    for (String object : objects) {
      String[] typeName = object.split("/");
      // The deployment controller's revision annotation may lag the last command a little.
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
        JsonNode left = stable(real, typeName[0], typeName[1], realNs);
        JsonNode right = stable(real, typeName[0], typeName[1], ourNs);
        assertThat(pretty(right)).as(object).isEqualTo(pretty(left).replace(realNs, ourNs));
      });
    }
  }

  private static String run(Kubectl kubectl, Step step, String ns) throws Exception {
    List<String> args = new ArrayList<>(step.args());
    args.addAll(List.of("-n", ns));
    String stdin = step.stdin() == null ? null : Files.readString(files.resolve(step.stdin()));
    Kubectl.Result result = kubectl.runWithInput(stdin, args.toArray(String[]::new));
    return result.toString().replace(ns, "NS")
        .replaceAll("E\\d{4} [\\d:.]+ +\\d+ run.go:\\d+\\] \"command failed\" err=(.*)", "$1");
  }

  /** The object as the server holds it, without what differs between any two objects. */
  private static JsonNode stable(Kubectl kubectl, String type, String name, String ns)
      throws Exception {
    ObjectNode object = (ObjectNode) Json.MAPPER.readTree(
        kubectl.ok("get", type, name, "-n", ns, "-o", "json").out());
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    for (String field : List.of("uid", "resourceVersion", "creationTimestamp", "managedFields",
        "generation")) {
      metadata.remove(field);
    }
    object.remove("status");
    return object;
  }

  private static String pretty(JsonNode node) {
    return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
  }

  private static Kubectl realKubectl() {
    List<Kubectl> found = Kubectl.available(capstan.kubeconfig()).stream()
        .filter(k -> !k.name().equals("kubectl-1.20")).toList();
    Assumptions.assumeFalse(found.isEmpty(), "no kubectl 1.21+ on this machine");
    return found.getFirst();
  }

  /** {@code capstan kubectl edit} with {@code KUBE_EDITOR} set to {@code editor}. */
  private static Kubectl.Result edit(String editor, String... args) throws Exception {
    List<String> command = new ArrayList<>(Kubectl.capstan(capstan.kubeconfig()).command());
    command.add("--kubeconfig=" + capstan.kubeconfig());
    command.add("edit");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("KUBE_EDITOR", editor);
    Path out = Files.createTempFile(files, "edit", ".out");
    Path err = Files.createTempFile(files, "edit", ".err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Kubectl.Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
