package io.capstan.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class CachedNodeGraphTest {

  static final JsonNode POD = Json.MAPPER.readTree("""
      {"spec": {
        "nodeName": "a",
        "serviceAccountName": "builder",
        "imagePullSecrets": [{"name": "registry"}],
        "volumes": [
          {"name": "c", "configMap": {"name": "vol-cm"}},
          {"name": "s", "secret": {"secretName": "vol-secret"}},
          {"name": "p", "projected": {"sources": [
            {"configMap": {"name": "projected-cm"}},
            {"secret": {"name": "projected-secret"}},
            {"serviceAccountToken": {"path": "token"}}]}}],
        "initContainers": [{"name": "i", "envFrom": [{"secretRef": {"name": "init-secret"}}]}],
        "containers": [{"name": "c",
          "env": [{"name": "A", "valueFrom": {"configMapKeyRef": {"name": "env-cm", "key": "k"}}},
                  {"name": "B", "valueFrom": {"secretKeyRef": {"name": "env-secret", "key": "k"}}},
                  {"name": "C", "value": "plain"}],
          "envFrom": [{"configMapRef": {"name": "from-cm"}}]}]}}
      """);

  static final JsonNode DEFAULT_ACCOUNT_POD = Json.MAPPER.readTree("{\"spec\": {}}");

  record Case(NodeGraph.Reference kind, String name, boolean referenced) {
    @Override
    public String toString() {
      return kind + " " + name + (referenced ? " is referenced" : " is not referenced");
    }
  }

  static Stream<Case> cases() {
    var cm = NodeGraph.Reference.CONFIG_MAP;
    var secret = NodeGraph.Reference.SECRET;
    var account = NodeGraph.Reference.SERVICE_ACCOUNT;
    return Stream.of(
        new Case(cm, "vol-cm", true),
        new Case(cm, "projected-cm", true),
        new Case(cm, "env-cm", true),
        new Case(cm, "from-cm", true),
        new Case(cm, "vol-secret", false),
        new Case(cm, "plain", false),
        new Case(secret, "vol-secret", true),
        new Case(secret, "projected-secret", true),
        new Case(secret, "env-secret", true),
        new Case(secret, "init-secret", true),
        new Case(secret, "registry", true),
        new Case(secret, "vol-cm", false),
        new Case(account, "builder", true),
        new Case(account, "default", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void findsEveryWayAPodReferencesAnObject(Case c) {
    assertThat(CachedNodeGraph.references(POD, c.kind(), c.name())).isEqualTo(c.referenced());
  }

  @Test
  void aPodWithoutAnAccountNameUsesDefault() {
    assertThat(CachedNodeGraph.references(DEFAULT_ACCOUNT_POD, NodeGraph.Reference.SERVICE_ACCOUNT,
        "default")).isTrue();
  }
}
