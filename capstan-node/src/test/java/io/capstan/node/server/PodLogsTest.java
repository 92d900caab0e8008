package io.capstan.node.server;

import static io.capstan.node.logs.CriLogFixture.T0;
import static io.capstan.node.logs.CriLogFixture.stamp;
import static io.capstan.node.server.LogCluster.NODE;
import static io.capstan.node.server.LogCluster.SIMULATED_NODE;
import static io.capstan.node.server.LogCluster.running;
import static io.capstan.node.server.LogCluster.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code pods/log} end to end inside one JVM: the API server proxying to a real node server. */
class PodLogsTest {

  private static final String PODS = "/api/v1/namespaces/default/pods/";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir
  static Path logDir;

  private static LogCluster cluster;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .build();

  @BeforeAll
  static void start() throws Exception {
    cluster = new LogCluster(logDir);
    cluster.log("web", "app").line("one").partial("t").line("wo").line("three");
    cluster.createPod("web", NODE, oneContainer(), List.of(running("app")), List.of());
    cluster.createPod("multi", NODE, new PodSpecBuilder()
            .addNewInitContainer().withName("setup").withImage("busybox").endInitContainer()
            .addNewContainer().withName("a").withImage("busybox").endContainer()
            .addNewContainer().withName("b").withImage("busybox").endContainer().build(),
        List.of(running("a"), status("b").withContainerID(null).withNewState().withNewWaiting()
            .withReason("ContainerCreating").endWaiting().endState().build()),
        List.of(status("setup").withNewState().withNewTerminated().withExitCode(0)
            .withContainerID("containerd://setup").endTerminated().endState().build()));
    cluster.createPod("simulated", SIMULATED_NODE, oneContainer(), List.of(running("app")),
        List.of());
    cluster.createPod("pending", null, oneContainer(), List.of(), List.of());
    cluster.createPod("ghost", NODE, oneContainer(), List.of(running("app")), List.of());
    cluster.createPod("orphan", "no-such-node", oneContainer(), List.of(running("app")),
        List.of());
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static PodSpec oneContainer() {
    return new PodSpecBuilder().addNewContainer().withName("app").withImage("busybox")
        .endContainer().build();
  }

  record Case(String name, String path, int status, String reason, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> errors() {
    return Stream.of(
        new Case("missing pod", "nope/log", 404, "NotFound", "pods \"nope\" not found"),
        new Case("several containers, none named", "multi/log", 400, "BadRequest",
            "a container name must be specified for pod multi, choose one of: [setup a b]"),
        new Case("unknown container", "multi/log?container=x", 400, "BadRequest",
            "container x is not valid for pod multi"),
        new Case("container still being created", "multi/log?container=b", 400, "BadRequest",
            "container \"b\" in pod \"multi\" is waiting to start: ContainerCreating"),
        new Case("no previous run", "web/log?previous=true", 400, "BadRequest",
            "previous terminated container \"app\" in pod \"web\" not found"),
        new Case("negative tail", "web/log?tailLines=-1", 422, "Invalid",
            "PodLogOptions \"web\" is invalid: tailLines: Invalid value: -1: must be greater "
                + "than or equal to 0"),
        new Case("zero limitBytes", "web/log?limitBytes=0", 422, "Invalid",
            "PodLogOptions \"web\" is invalid: limitBytes: Invalid value: 0: must be greater "
                + "than 0"),
        new Case("tail not a number", "web/log?tailLines=ten", 400, "BadRequest",
            "tailLines: Invalid value: \"ten\": must be an integer"),
        new Case("node without a log endpoint", "simulated/log", 400, "BadRequest",
            "pod \"simulated\" is running on a node without a log endpoint"),
        new Case("node that does not exist", "orphan/log", 404, "NotFound",
            "nodes \"no-such-node\" not found"),
        new Case("node has no log for it", "ghost/log", 404, "NotFound",
            "the server could not find the requested resource ( pods/log ghost)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void refusesAsKubernetesDoes(Case c) throws Exception {
    HttpResponse<String> response = get(PODS + c.path());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(c.status());
    JsonNode status = JSON.readTree(response.body());
    assertThat(status.path("kind").asString()).isEqualTo("Status");
    assertThat(status.path("code").asInt()).isEqualTo(c.status());
    assertThat(status.path("reason").asString()).isEqualTo(c.reason());
    assertThat(status.path("message").asString()).isEqualTo(c.message());
  }

  @Test
  void proxiesTheLogFromTheNode() throws Exception {
    HttpResponse<String> all = get(PODS + "web/log");
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.headers().firstValue("Content-Type")).hasValue("text/plain");
    assertThat(all.body()).isEqualTo("one\ntwo\nthree\n");
    assertThat(get(PODS + "web/log?container=app&tailLines=2&timestamps=true").body())
        .isEqualTo(stamp(T0.plusSeconds(1)) + "two\n" + stamp(T0.plusSeconds(3)) + "three\n");
    assertThat(get(PODS + "web/log?sinceTime=2024-05-01T10:00:03Z").body()).isEqualTo("three\n");
    assertThat(get(PODS + "web/log?limitBytes=5").body()).isEqualTo("one\nt");
    assertThat(cluster.client.pods().withName("web").getLog()).isEqualTo("one\ntwo\nthree\n");
  }

  @Test
  void aPodNotYetScheduledHasNoContent() throws Exception {
    HttpResponse<String> response = get(PODS + "pending/log");
    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void namedInitContainerAndPreviousRun() throws Exception {
    cluster.log("multi", "setup").line("migrated");
    assertThat(get(PODS + "multi/log?container=setup").body()).isEqualTo("migrated\n");
    cluster.log("restarted", "app").line("second run");
    cluster.previousLog("restarted", "app").line("first run");
    cluster.createPod("restarted", NODE, oneContainer(), List.of(status("app")
        .withRestartCount(1).withNewState().withNewRunning().endRunning().endState()
        .withNewLastState().withNewTerminated().withExitCode(1)
        .withContainerID("containerd://first").endTerminated().endLastState().build()),
        List.of());
    assertThat(get(PODS + "restarted/log").body()).isEqualTo("second run\n");
    assertThat(get(PODS + "restarted/log?previous=true").body()).isEqualTo("first run\n");
  }

  @Test
  void followStreamsUntilTheContainerExits() throws Exception {
    var log = cluster.log("follower", "app").line("hello");
    cluster.createPod("follower", NODE, oneContainer(), List.of(running("app")), List.of());
    HttpResponse<InputStream> response = http.send(request(PODS + "follower/log?follow=true"),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).isEqualTo("hello");
      log.line("streamed");
      assertThat(lines.readLine()).isEqualTo("streamed");
      log.line("goodbye");
      cluster.exit("follower", "app");
      assertThat(lines.readLine()).isEqualTo("goodbye");
      assertThat(lines.readLine()).isNull();
    }
  }

  @Test
  void aQuietFollowIsAnsweredAtOnce() throws Exception {
    var log = cluster.log("quiet", "app").line("old");
    cluster.createPod("quiet", NODE, oneContainer(), List.of(running("app")), List.of());
    // Nothing new is written before the headers must have arrived.
    HttpResponse<InputStream> response = http.sendAsync(
        request(PODS + "quiet/log?follow=true&tailLines=0"),
        HttpResponse.BodyHandlers.ofInputStream()).get(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      log.line("new");
      assertThat(lines.readLine()).isEqualTo("new");
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.node.openLogStreams() == 0);
  }

  @Test
  void aClientLeavingAFollowEndsItOnTheNode() throws Exception {
    cluster.log("leaver", "app").line("hello");
    cluster.createPod("leaver", NODE, oneContainer(), List.of(running("app")), List.of());
    HttpResponse<InputStream> response = http.send(request(PODS + "leaver/log?follow=1"),
        HttpResponse.BodyHandlers.ofInputStream());
    BufferedReader lines = new BufferedReader(
        new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    assertThat(lines.readLine()).isEqualTo("hello");
    assertThat(cluster.node.openLogStreams()).isPositive();
    lines.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.node.openLogStreams() == 0);
  }

  @Test
  void discoveryListsTheSubresource() throws Exception {
    JsonNode list = JSON.readTree(get("/api/v1").body());
    JsonNode log = null;
    for (JsonNode resource : list.path("resources")) {
      if (resource.path("name").asString().equals("pods/log")) {
        log = resource;
      }
    }
    assertThat(log).isNotNull();
    assertThat(log.path("kind").asString()).isEqualTo("Pod");
    assertThat(log.path("namespaced").asBoolean()).isTrue();
    assertThat(log.path("verbs").toString()).isEqualTo("[\"get\"]");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(request(path), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create(cluster.server.url() + path)).GET().build();
  }
}
