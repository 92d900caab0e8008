package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LastAppliedTest {

  @Test
  void writesTheObjectAsKubectlDoesSortedCompactWithEmptyAnnotationsAndANewline() {
    JsonNode manifest = Json.YAML.readTree("""
        kind: Deployment
        apiVersion: apps/v1
        metadata: {name: web, namespace: t1}
        spec:
          replicas: 1
          template:
            spec:
              containers:
              - {name: nginx, image: "nginx:1.25", env: [{name: B, value: "<2>"}]}
        """);
    assertThat(LastApplied.of(manifest)).isEqualTo("{\"apiVersion\":\"apps/v1\","
        + "\"kind\":\"Deployment\",\"metadata\":{\"annotations\":{},\"name\":\"web\","
        + "\"namespace\":\"t1\"},\"spec\":{\"replicas\":1,\"template\":{\"spec\":{\"containers\":"
        + "[{\"env\":[{\"name\":\"B\",\"value\":\"\\u003c2\\u003e\"}],\"image\":\"nginx:1.25\","
        + "\"name\":\"nginx\"}]}}}}\n");
  }

  @Test
  void theAnnotationDoesNotContainItselfAndIsReadBack() {
    JsonNode manifest = Json.YAML.readTree("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: c
          annotations: {keep: "yes", kubectl.kubernetes.io/last-applied-configuration: old}
        """);
    JsonNode annotated = LastApplied.annotate(manifest);
    String value = annotated.path("metadata").path("annotations").path(LastApplied.ANNOTATION)
        .asString();
    assertThat(value).isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":"
        + "{\"annotations\":{\"keep\":\"yes\"},\"name\":\"c\"}}\n");
    assertThat(LastApplied.recorded(annotated)).contains(Json.MAPPER.readTree(value));
    assertThat(LastApplied.recorded(manifest.path("metadata"))).isEmpty();
  }
}
