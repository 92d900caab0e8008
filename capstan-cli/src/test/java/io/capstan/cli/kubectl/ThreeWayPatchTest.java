package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.patch.PatchType;
import io.capstan.apiserver.patch.Patches;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The three-way patch, checked by what matters: the server's strategic merge of the patch into
 * the live object gives the expected object (and the patch itself where its shape is kubectl's).
 */
class ThreeWayPatchTest {

  private static final Map<String, Class<?>> MODELS = Map.of("Deployment", Deployment.class,
      "ConfigMap", ConfigMap.class, "Service", Service.class);

  record Case(String name, String kind, String original, String modified, String current,
      String expectedPatch, String expectedResult) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    String live = """
        {"metadata":{"name":"web","labels":{"a":"1","b":"2","other":"x"}},
         "spec":{"replicas":1,"revisionHistoryLimit":10,"template":{"spec":{"containers":[
           {"name":"app","image":"app:1","imagePullPolicy":"IfNotPresent",
            "ports":[{"containerPort":80,"protocol":"TCP"}],
            "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},
           {"name":"side","image":"side:1"}]}}}}
        """;
    String applied = """
        {"metadata":{"name":"web","labels":{"a":"1","b":"2"}},
         "spec":{"replicas":1,"template":{"spec":{"containers":[
           {"name":"app","image":"app:1","ports":[{"containerPort":80}],
            "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},
           {"name":"side","image":"side:1"}]}}}}
        """;
    return Stream.of(
        new Case("same configuration: empty patch", "Deployment", applied, applied, live, "{}",
            live),
        new Case("removed label is deleted, others' label and defaults kept", "Deployment",
            applied, applied.replace(",\"b\":\"2\"", ""), live,
            "{\"metadata\":{\"labels\":{\"b\":null}}}",
            live.replace(",\"b\":\"2\"", "")),
        new Case("changed image patches one container by name", "Deployment", applied,
            applied.replace("app:1", "app:2"), live,
            "{\"spec\":{\"template\":{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"app\"},"
                + "{\"name\":\"side\"}],\"containers\":[{\"name\":\"app\",\"image\":\"app:2\"}]}}}}",
            live.replace("app:1", "app:2")),
        new Case("removed env var and container are deleted by key", "Deployment", applied,
            applied.replace(",{\"name\":\"B\",\"value\":\"2\"}", "")
                .replace(",\n           {\"name\":\"side\",\"image\":\"side:1\"}", ""),
            live,
            null,
            live.replace(",{\"name\":\"B\",\"value\":\"2\"}", "")
                .replace(",\n           {\"name\":\"side\",\"image\":\"side:1\"}", "")),
        new Case("added port is merged, keeping the default protocol of the other", "Deployment",
            applied, applied.replace("[{\"containerPort\":80}]",
                "[{\"containerPort\":80},{\"containerPort\":443}]"), live, null,
            live.replace("[{\"containerPort\":80,\"protocol\":\"TCP\"}]",
                "[{\"containerPort\":80,\"protocol\":\"TCP\"},{\"containerPort\":443}]")),
        new Case("no last-applied: nothing is deleted", "Deployment", "null",
            applied.replace(",\"b\":\"2\"", ""), live, "{}", live),
        new Case("field set by the server stays when the file never had it", "Deployment",
            applied, applied.replace("\"replicas\":1", "\"replicas\":3"), live,
            "{\"spec\":{\"replicas\":3}}", live.replace("\"replicas\":1", "\"replicas\":3")),
        new Case("atomic list replaced whole", "ConfigMap",
            "{\"data\":{\"k\":\"v\"},\"x\":[1,2]}", "{\"data\":{\"k\":\"v\"},\"x\":[2]}",
            "{\"data\":{\"k\":\"v\"},\"x\":[1,2]}", "{\"x\":[2]}",
            "{\"data\":{\"k\":\"v\"},\"x\":[2]}"),
        new Case("numbers compare by value", "ConfigMap", "{\"a\":1}", "{\"a\":1.0}",
            "{\"a\":1}", "{}", "{\"a\":1}"),
        new Case("service port removed by its port number", "Service",
            "{\"spec\":{\"ports\":[{\"port\":80},{\"port\":443}]}}",
            "{\"spec\":{\"ports\":[{\"port\":80}]}}",
            "{\"spec\":{\"ports\":[{\"port\":80,\"protocol\":\"TCP\"},{\"port\":443,"
                + "\"protocol\":\"TCP\"}]}}",
            "{\"spec\":{\"ports\":[{\"$patch\":\"delete\",\"port\":443}]}}",
            "{\"spec\":{\"ports\":[{\"port\":80,\"protocol\":\"TCP\"}]}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void patchMakesTheLiveObjectMatch(Case c) {
    JsonNode current = Json.MAPPER.readTree(c.current());
    JsonNode patch = ThreeWayPatch.compute(c.kind(), Json.MAPPER.readTree(c.original()),
        Json.MAPPER.readTree(c.modified()), current);
    if (c.expectedPatch() != null) {
      assertThat(patch).isEqualTo(Json.MAPPER.readTree(c.expectedPatch()));
    }
    JsonNode result = Patches.apply(PatchType.STRATEGIC, current,
        Json.MAPPER.writeValueAsString(patch).getBytes(StandardCharsets.UTF_8),
        MODELS.get(c.kind()));
    assertThat(JsonEquality.same(result, Json.MAPPER.readTree(c.expectedResult())))
        .as("%s\nbecame %s", patch, result).isTrue();
  }
}
