package io.capstan.apiserver.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The {@code pods/eviction} subresource against PodDisruptionBudgets: an eviction the budget
 * allows deletes the pod and takes the disruption from the budget's status, one it does not
 * allow is a 429 with a DisruptionBudget cause, and pods no budget (or a pending state) protects
 * go at once.
 */
class EvictionTest {

  private static final String NS = "evict";
  private static final String PODS = "/api/v1/namespaces/" + NS + "/pods";
  private static final String PDBS = "/apis/policy/v1/namespaces/" + NS + "/poddisruptionbudgets";
  private static final String JSON = "application/json";

  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    expect(server.send("POST", "/api/v1/namespaces", JSON,
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + NS + "\"}}"),
        201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anAllowedEvictionDeletesThePodAndSpendsTheBudget() throws Exception {
    runningPod("a-1", "a");
    runningPod("a-2", "a");
    budget("a", 1, 2, 1);

    expect(evict("a-1", "policy/v1", "a-1"), 201);

    assertThat(server.get(PODS + "/a-1", null).statusCode()).isEqualTo(404);
    JsonNode status = Json.MAPPER.readTree(server.get(PDBS + "/a", null).body()).path("status");
    assertThat(status.path("disruptionsAllowed").asInt()).isEqualTo(0);
    assertThat(status.path("disruptedPods").has("a-1")).isTrue();
    assertThat(status.path("conditions").get(0).path("reason").asString())
        .isEqualTo("InsufficientPods");

    HttpResponse<String> refused = evict("a-2", "policy/v1beta1", "a-2");
    expect(refused, 429);
    JsonNode body = Json.MAPPER.readTree(refused.body());
    assertThat(body.path("reason").asString()).isEqualTo("TooManyRequests");
    assertThat(body.path("message").asString())
        .isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");
    JsonNode cause = body.path("details").path("causes").get(0);
    assertThat(cause.path("reason").asString()).isEqualTo("DisruptionBudget");
    assertThat(cause.path("message").asString())
        .isEqualTo("The disruption budget a needs 1 healthy pods and has 2 currently");
    assertThat(server.get(PODS + "/a-2", null).statusCode()).isEqualTo(200);
  }

  @Test
  void aBudgetNotYetObservedIsStillBeingProcessed() throws Exception {
    runningPod("s-1", "s");
    expect(server.send("POST", PDBS, JSON, pdb("s")), 201);

    HttpResponse<String> refused = evict("s-1", "policy/v1", "s-1");

    expect(refused, 429);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
    assertThat(refused.body()).contains("The disruption budget s is still being processed");
  }

  @Test
  void podsWithoutABudgetOrNotRunningGoAtOnce() throws Exception {
    runningPod("free", "free");
    expect(evict("free", "policy/v1", "free"), 201);
    assertThat(server.get(PODS + "/free", null).statusCode()).isEqualTo(404);

    expect(server.send("POST", PODS, JSON, pod("pending", "p")), 201);
    budget("p", 0, 0, 1);
    expect(evict("pending", "policy/v1", "pending"), 201);
    assertThat(server.get(PODS + "/pending", null).statusCode()).isEqualTo(404);
  }

  @Test
  void anUnreadyPodMayGoWhileTheBudgetIsMet() throws Exception {
    runningPod("u-1", "u");
    expect(server.send("POST", PODS, JSON, pod("u-2", "u")), 201);
    setStatus("u-2", "Running", "False");
    budget("u", 0, 1, 1);

    expect(evict("u-2", "policy/v1", "u-2"), 201);
    expect(evict("u-1", "policy/v1", "u-1"), 429);
  }

  @Test
  void alwaysAllowLetsAnUnreadyPodGoEvenBelowTheBudget() throws Exception {
    expect(server.send("POST", PODS, JSON, pod("aa-1", "aa")), 201);
    setStatus("aa-1", "Running", "False");
    expect(server.send("POST", PDBS, JSON, pdb("aa").replace("\"minAvailable\":1",
        "\"minAvailable\":1,\"unhealthyPodEvictionPolicy\":\"AlwaysAllow\"")), 201);
    expect(server.send("PATCH", PDBS + "/aa/status", "application/merge-patch+json",
        "{\"status\":{\"observedGeneration\":1,\"currentHealthy\":0,\"desiredHealthy\":1,"
            + "\"expectedPods\":1}}"), 200);

    expect(evict("aa-1", "policy/v1", "aa-1"), 201);
  }

  @Test
  void concurrentEvictionsSpendOneDisruptionOnce() throws Exception {
    runningPod("c-1", "c");
    runningPod("c-2", "c");
    runningPod("c-3", "c");
    budget("c", 1, 3, 2);

    // Three threads released together, so the evictions read the same budget.
    CountDownLatch start = new CountDownLatch(1);
    List<Integer> codes;
    try (ExecutorService threads = Executors.newFixedThreadPool(3)) {
      List<Future<HttpResponse<String>>> sent = new ArrayList<>();
      for (String pod : List.of("c-1", "c-2", "c-3")) {
        sent.add(threads.submit(() -> {
          start.await();
          return evict(pod, "policy/v1", pod);
        }));
      }
      start.countDown();
      codes = new ArrayList<>();
      for (Future<HttpResponse<String>> f : sent) {
        codes.add(f.get().statusCode());
      }
    }
    codes.sort(null);

    assertThat(codes).containsExactly(201, 429, 429);
  }

  @Test
  void refusesMissingPodsMismatchedNamesAndOverlappingBudgets() throws Exception {
    expect(evict("ghost", "policy/v1", "ghost"), 404);
    runningPod("named", "named");
    expect(evict("named", "policy/v1", "other"), 400);

    runningPod("two", "two");
    budget("two", 1, 1, 0);
    expect(server.send("POST", PDBS, JSON, pdb("two").replace("\"name\":\"two\"",
        "\"name\":\"two-b\"")), 201);
    HttpResponse<String> refused = evict("two", "policy/v1", "two");
    expect(refused, 500);
    assertThat(refused.body()).contains("This pod has more than one PodDisruptionBudget");
  }

  @Test
  void honoursTheGracePeriodOfTheDeleteOptions() throws Exception {
    runningPod("grace", "grace");
    expect(server.send("POST", PODS + "/grace/binding", JSON, "{\"apiVersion\":\"v1\","
        + "\"kind\":\"Binding\",\"metadata\":{\"name\":\"grace\"},\"target\":{\"name\":\"n1\"}}"),
        201);
    HttpResponse<String> evicted = server.send("POST", PODS + "/grace/eviction", JSON,
        "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"grace\"},"
            + "\"deleteOptions\":{\"gracePeriodSeconds\":7}}");
    expect(evicted, 201);
    JsonNode pod = Json.MAPPER.readTree(server.get(PODS + "/grace", null).body());
    assertThat(pod.path("metadata").path("deletionGracePeriodSeconds").asInt()).isEqualTo(7);
    assertThat(pod.path("status").path("conditions").toString())
        .contains("\"type\":\"DisruptionTarget\"").contains("EvictionByEvictionAPI");
  }

  @Test
  void anInvalidBudgetIsRefusedWithItsFieldPath() throws Exception {
    HttpResponse<String> refused = server.send("POST", PDBS, JSON, pdb("bad")
        .replace("\"minAvailable\":1", "\"minAvailable\":1,\"maxUnavailable\":\"120%\""));
    expect(refused, 422);
    JsonNode causes = Json.MAPPER.readTree(refused.body()).path("details").path("causes");
    assertThat(causes).extracting(c -> c.path("field").asString())
        .containsExactly("spec", "spec.maxUnavailable");
    assertThat(causes.get(1).path("message").asString())
        .isEqualTo("Invalid value: 120%: must not be greater than 100%");
  }

  private static HttpResponse<String> evict(String pod, String apiVersion, String bodyName)
      throws Exception {
    return server.send("POST", PODS + "/" + pod + "/eviction", JSON,
        "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\""
            + bodyName + "\",\"namespace\":\"" + NS + "\"}}");
  }

  private static void runningPod(String name, String app) throws Exception {
    expect(server.send("POST", PODS, JSON, pod(name, app)), 201);
    setStatus(name, "Running", "True");
  }

  private static void setStatus(String name, String phase, String ready) throws Exception {
    expect(server.send("PATCH", PODS + "/" + name + "/status", "application/merge-patch+json",
        "{\"status\":{\"phase\":\"" + phase + "\",\"conditions\":[{\"type\":\"Ready\","
            + "\"status\":\"" + ready + "\"}]}}"), 200);
  }

  private static String pod(String name, String app) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name
        + "\",\"labels\":{\"app\":\"" + app + "\"}},\"spec\":{\"containers\":[{\"name\":\"c\","
        + "\"image\":\"busybox\"}]}}";
  }

  private static String pdb(String app) {
    return "{\"apiVersion\":\"policy/v1\",\"kind\":\"PodDisruptionBudget\",\"metadata\":"
        + "{\"name\":\"" + app + "\"},\"spec\":{\"minAvailable\":1,\"selector\":{\"matchLabels\":"
        + "{\"app\":\"" + app + "\"}}}}";
  }

  /** A budget whose status the disruption controller would have written. */
  private static void budget(String app, int allowed, int current, int desired)
      throws Exception {
    expect(server.send("POST", PDBS, JSON, pdb(app)), 201);
    expect(server.send("PATCH", PDBS + "/" + app + "/status", "application/merge-patch+json",
        "{\"status\":{\"observedGeneration\":1,\"disruptionsAllowed\":" + allowed
            + ",\"currentHealthy\":" + current + ",\"desiredHealthy\":" + desired
            + ",\"expectedPods\":" + current + "}}"), 200);
  }

  private static void expect(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
  }
}
