package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Descriptions of recorded objects against what the real kubectl 1.32 printed for them.
 * {@code describe/cluster.json} holds the server's replies (by path, without query) of a
 * simulated cluster caught mid-rollout (a Deployment whose new pod cannot be scheduled, a
 * NodePort Service with named ports, a ConfigMap, a Secret, the node; {@code list#name} picks one
 * item of a recorded list); the {@code .txt} files are kubectl's output, taken right after, from
 * {@code now.txt} on. kubectl ran a little later for each file, so an age may read a second or
 * two more: the description must equal kubectl's at one of those instants.
 */
class RecordedDescribeTest {

  record Case(String name, String group, String kind, String path, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    String pods = "/api/v1/namespaces/d2/pods#";
    String sets = "/apis/apps/v1/namespaces/d2/replicasets#";
    return Stream.of(
        new Case("deployment", "apps", "Deployment", "/apis/apps/v1/namespaces/d2/deployments/rich",
            "deployment.txt"),
        new Case("new replicaset", "apps", "ReplicaSet", sets + "rich-5fcf548cc8",
            "rs-rich-5fcf548cc8.txt"),
        new Case("old replicaset", "apps", "ReplicaSet", sets + "rich-7fb877f465",
            "rs-rich-7fb877f465.txt"),
        new Case("pending pod", "", "Pod", pods + "rich-5fcf548cc8-sjl6f",
            "pod-rich-5fcf548cc8-sjl6f.txt"),
        new Case("running pod", "", "Pod", pods + "rich-7fb877f465-l6qlr",
            "pod-rich-7fb877f465-l6qlr.txt"),
        new Case("service", "", "Service", "/api/v1/namespaces/d2/services/rich-svc",
            "service.txt"),
        new Case("endpoints", "", "Endpoints", "/api/v1/namespaces/d2/endpoints/rich-svc",
            "endpoints.txt"),
        new Case("configmap", "", "ConfigMap", "/api/v1/namespaces/d2/configmaps/app-config",
            "configmap.txt"),
        new Case("secret", "", "Secret", "/api/v1/namespaces/d2/secrets/s1", "secret.txt"),
        new Case("serviceaccount", "", "ServiceAccount",
            "/api/v1/namespaces/d2/serviceaccounts/default", "serviceaccount.txt"),
        new Case("namespace", "", "Namespace", "/api/v1/namespaces/d2", "namespace.txt"),
        new Case("node", "", "Node", "/api/v1/nodes/vm-sim-0", "node.txt"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void describesAsKubectl(Case c) throws IOException {
    Recorded source = new Recorded(Json.MAPPER.readTree(resource("cluster.json")));
    int hash = c.path().indexOf('#');
    JsonNode object = hash > 0
        ? source.item(c.path().substring(0, hash), c.path().substring(hash + 1))
        : source.get(c.path()).orElseThrow();
    Instant now = Instant.parse(resource("now.txt").strip());
    String expected = resource(c.expected());
    List<String> attempts = new ArrayList<>();
    for (int second = 0; second <= 3; second++) {
      String actual = Describer.forKind(c.group(), c.kind()).describe(object, source,
          new DescribeContext(now.plusSeconds(second), ZoneOffset.UTC));
      if (actual.equals(expected)) {
        return;
      }
      attempts.add(actual);
    }
    assertThat(attempts.getFirst()).isEqualTo(expected);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = RecordedDescribeTest.class.getResourceAsStream("/describe/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The recorded replies; queries are ignored, as describers filter what they list. */
  record Recorded(JsonNode replies) implements DescribeSource {
    @Override
    public Optional<JsonNode> get(String path) {
      int query = path.indexOf('?');
      JsonNode reply = replies.path(query < 0 ? path : path.substring(0, query));
      return reply.isMissingNode() ? Optional.empty() : Optional.of(reply);
    }

    @Override
    public List<JsonNode> list(String path) {
      List<JsonNode> items = new ArrayList<>();
      get(path).ifPresent(l -> l.path("items").forEach(items::add));
      return items;
    }

    JsonNode item(String listPath, String name) {
      return list(listPath).stream()
          .filter(i -> i.path("metadata").path("name").asString().equals(name))
          .findFirst().orElseThrow();
    }
  }
}
