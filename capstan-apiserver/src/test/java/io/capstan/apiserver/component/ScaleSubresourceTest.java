package io.capstan.apiserver.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code scale} subresource answers a Scale for GET and changes {@code spec.replicas} for PUT
 * and every patch type kubectl and clients send (kubectl scale sends a merge patch, strategic
 * merge comes from older clients), and rejects a negative count with a field error.
 */
class ScaleSubresourceTest {

  private static TestServer server;
  private static final String PATH = "/apis/apps/v1/namespaces/scale/deployments/%s/scale";

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    server.client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
        .withName("scale").endMetadata().build()).create();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Case(String name, String method, String contentType, String body, int status,
      String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("merge patch", "PATCH", "application/merge-patch+json",
            "{\"spec\":{\"replicas\":5}}", 200, "\"replicas\":5"),
        new Case("strategic merge patch", "PATCH", "application/strategic-merge-patch+json",
            "{\"spec\":{\"replicas\":6}}", 200, "\"replicas\":6"),
        new Case("json patch", "PATCH", "application/json-patch+json",
            "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":7}]", 200,
            "\"replicas\":7"),
        new Case("put", "PUT", "application/json",
            "{\"kind\":\"Scale\",\"apiVersion\":\"autoscaling/v1\",\"metadata\":{\"name\":\"%s\"},"
                + "\"spec\":{\"replicas\":8}}", 200, "\"replicas\":8"),
        new Case("negative", "PATCH", "application/merge-patch+json",
            "{\"spec\":{\"replicas\":-1}}", 422, "spec.replicas"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void scaleChangesReplicas(Case c) throws Exception {
    String name = c.name().replace(' ', '-');
    Deployment d = new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", name)
        .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("i").endContainer().endSpec()
        .endTemplate().endSpec().build();
    server.client.apps().deployments().inNamespace("scale").resource(d).create();

    var response = server.send(c.method(), PATH.formatted(name), c.contentType(),
        c.body().formatted(name));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(c.status());
    assertThat(response.body()).contains(c.expected());
    int replicas = server.client.apps().deployments().inNamespace("scale").withName(name).get()
        .getSpec().getReplicas();
    assertThat(replicas).isEqualTo(c.status() == 200
        ? Integer.parseInt(c.expected().replaceAll("\\D", "")) : 2);
  }
}
