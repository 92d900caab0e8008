package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTargetTest {

  private static final ResourceCatalog CATALOG = new ResourceCatalog(List.of(
      new ApiResource("configmaps", "configmap", "ConfigMap", List.of("cm"), "", "v1", true),
      new ApiResource("namespaces", "namespace", "Namespace", List.of("ns"), "", "v1", false)));

  private static ManifestFiles.Manifest manifest(String yaml) {
    return new ManifestFiles.Manifest("m.yaml", Json.YAML.readTree(yaml));
  }

  @Test
  void fillsTheNamespaceOfNamespacedObjectsOnly() {
    ManifestTarget cm = ManifestTarget.of(manifest(
        "{apiVersion: v1, kind: ConfigMap, metadata: {name: c}}"), CATALOG, "dev", false);
    assertThat(cm.ref().path()).isEqualTo("/api/v1/namespaces/dev/configmaps/c");
    assertThat(cm.object().path("metadata").path("namespace").asString()).isEqualTo("dev");
    ManifestTarget ns = ManifestTarget.of(manifest(
        "{apiVersion: v1, kind: Namespace, metadata: {name: dev}}"), CATALOG, "default", true);
    assertThat(ns.ref().path()).isEqualTo("/api/v1/namespaces/dev");
    assertThat(ns.object().path("metadata").has("namespace")).isFalse();
  }

  @Test
  void theFileWinsUnlessDashNSaysOtherwise() {
    String yaml = "{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: prod}}";
    assertThat(ManifestTarget.of(manifest(yaml), CATALOG, "default", false).ref().namespace())
        .isEqualTo("prod");
    assertThatThrownBy(() -> ManifestTarget.of(manifest(yaml), CATALOG, "dev", true))
        .hasMessage("error: the namespace from the provided object \"prod\" does not match the "
            + "namespace \"dev\". You must pass '--namespace=prod' to perform this operation.");
  }

  @Test
  void serverErrorsNameTheFileAsKubectlDoes() {
    Cluster.Reply exists = new Cluster.Reply(409, """
        {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"AlreadyExists",
         "message":"configmaps \\"c\\" already exists","code":409}""");
    assertThat(WriteErrors.when("creating", "m.yaml", exists)).isEqualTo(
        "Error from server (AlreadyExists): error when creating \"m.yaml\": configmaps \"c\" "
            + "already exists");
  }

  @Test
  void dryRunValues() {
    assertThat(DryRun.parse("client").suffix()).isEqualTo(" (dry run)");
    assertThat(DryRun.parse("server").query()).isEqualTo("?dryRun=All");
    assertThatThrownBy(() -> DryRun.parse("maybe")).hasMessage("error: Invalid dry-run value "
        + "(maybe). Must be \"none\", \"server\", or \"client\".");
  }
}
