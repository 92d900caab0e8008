package io.capstan.apiserver.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.json.Meta;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Pods created through the registry, compared with what Kubernetes 1.32 stores. */
class ServiceAccountAdmissionTest {

  /** {@code kubectl get pod -o json} of a pod Kubernetes admitted, with the name as NAME. */
  static final String VOLUME = """
      {"name":"NAME","projected":{"sources":[
        {"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},
        {"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}},
        {"downwardAPI":{"items":[{"path":"namespace",
          "fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}]}}],
       "defaultMode":420}}""";
  static final String MOUNT = """
      {"name":"NAME","readOnly":true,"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount"}""";

  @TempDir
  Path tlsDir;
  RegistryFixture fixture;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new RegistryFixture(tlsDir);
    fixture.createNamespace("team");
    fixture.createServiceAccount("team", "default");
    fixture.create("ServiceAccount", "team", """
        {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"quiet"},
         "automountServiceAccountToken":false,"imagePullSecrets":[{"name":"registry"}]}""");
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  /**
   * @param spec the pod's spec as sent
   * @param expected the spec's volumes and each container's mounts as stored, with NAME for the
   *     generated volume name; {@code null} where the field must stay absent
   */
  record Case(String name, String spec, String volumes, String initMounts, String mounts,
      String serviceAccount) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("default account, one container",
            "{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}",
            "[" + VOLUME + "]", null, "[" + MOUNT + "]", "default"),
        new Case("init container and container, existing volumes and mounts kept first",
            """
            {"initContainers":[{"name":"i","image":"busybox"}],
             "containers":[{"name":"c","image":"busybox",
               "volumeMounts":[{"name":"data","mountPath":"/data"}]}],
             "volumes":[{"name":"data","emptyDir":{}}]}""",
            "[{\"name\":\"data\",\"emptyDir\":{}}," + VOLUME + "]", "[" + MOUNT + "]",
            "[{\"name\":\"data\",\"mountPath\":\"/data\"}," + MOUNT + "]", "default"),
        new Case("pod opts out",
            "{\"automountServiceAccountToken\":false,"
                + "\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}",
            null, null, null, "default"),
        new Case("account opts out and lends its pull secrets",
            "{\"serviceAccountName\":\"quiet\","
                + "\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}",
            null, null, null, "quiet"),
        new Case("pod overrides its account's opt-out",
            "{\"serviceAccountName\":\"quiet\",\"automountServiceAccountToken\":true,"
                + "\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}",
            "[" + VOLUME + "]", null, "[" + MOUNT + "]", "quiet"),
        new Case("a container that mounts the path itself is left alone",
            """
            {"containers":[{"name":"a","image":"busybox","volumeMounts":[{"name":"own",
               "mountPath":"/var/run/secrets/kubernetes.io/serviceaccount"}]}],
             "volumes":[{"name":"own","emptyDir":{}}]}""",
            "[{\"name\":\"own\",\"emptyDir\":{}}]", null,
            "[{\"name\":\"own\",\"mountPath\":\"/var/run/secrets/kubernetes.io/serviceaccount\"}]",
            "default"),
        new Case("an account that does not exist yet is admitted and mounted",
            "{\"serviceAccountName\":\"later\","
                + "\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}",
            "[" + VOLUME + "]", null, "[" + MOUNT + "]", "later"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mountsTheAccessVolumeAsKubernetesDoes(Case c) {
    ObjectNode pod = fixture.create("Pod", "team",
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},\"spec\":"
            + c.spec() + "}");
    JsonNode spec = pod.path("spec");
    String generated = generatedName(spec);
    assertThat(spec.path("serviceAccountName").asString()).isEqualTo(c.serviceAccount());
    assertThat(spec.path("serviceAccount").asString()).isEqualTo(c.serviceAccount());
    assertThat(field(spec, "volumes")).isEqualTo(expected(c.volumes(), generated));
    assertThat(field(spec.path("initContainers").path(0), "volumeMounts"))
        .isEqualTo(expected(c.initMounts(), generated));
    assertThat(field(spec.path("containers").path(0), "volumeMounts"))
        .isEqualTo(expected(c.mounts(), generated));
    if (c.serviceAccount().equals("quiet")) {
      assertThat(spec.path("imagePullSecrets").toString()).isEqualTo("[{\"name\":\"registry\"}]");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void generatesNamesOfTheKubernetesShape(Case c) {
    ObjectNode pod = fixture.create("Pod", "team",
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"q\"},\"spec\":"
            + c.spec() + "}");
    String generated = generatedName(pod.path("spec"));
    if (c.volumes() != null && c.volumes().contains("NAME")) {
      assertThat(generated).matches("kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}");
    } else {
      assertThat(generated).isEmpty();
    }
    assertThat(Meta.name(pod)).isEqualTo("q");
  }

  private static String generatedName(JsonNode spec) {
    for (JsonNode volume : spec.path("volumes")) {
      if (volume.path("name").asString("").startsWith("kube-api-access-")) {
        return volume.path("name").asString();
      }
    }
    return "";
  }

  private static String field(JsonNode parent, String name) {
    return parent.has(name) ? parent.get(name).toString() : null;
  }

  private static String expected(String json, String generated) {
    return json == null ? null : Json.MAPPER.readTree(json.replace("NAME", generated)).toString();
  }
}
