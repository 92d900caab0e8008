package io.capstan.node.podconfig;

import static io.capstan.node.podconfig.PodFixtures.NS;
import static io.capstan.node.podconfig.PodFixtures.configMapKey;
import static io.capstan.node.podconfig.PodFixtures.container;
import static io.capstan.node.podconfig.PodFixtures.field;
import static io.capstan.node.podconfig.PodFixtures.fromConfigMap;
import static io.capstan.node.podconfig.PodFixtures.fromSecret;
import static io.capstan.node.podconfig.PodFixtures.pod;
import static io.capstan.node.podconfig.PodFixtures.resource;
import static io.capstan.node.podconfig.PodFixtures.secretKey;
import static io.capstan.node.podconfig.PodFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.node.runtime.ContainerConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KubeletEnvironmentTest {

  private final MapConfigSource source = new MapConfigSource()
      .putConfigMap(NS, "config-dev", Map.of("DB_HOST", "db", "LOG", "info", "app.mode", "dev"))
      .putConfigMap(NS, "other", Map.of("LOG", "debug", "X", "1"))
      .putSecret(NS, "creds", Map.of("PASSWORD", "s3cr3t", "TOKEN", "tok"));
  private final KubeletContainerInputs inputs = new KubeletContainerInputs(source,
      Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "LOG", "svc"),
      Map.of("cpu", new Quantity("4"), "memory", new Quantity("8Gi")));

  record Case(String name, List<EnvFromSource> envFrom, List<EnvVar> env,
      List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case("envFrom keys sorted, then service variables",
            List.of(fromConfigMap("config-dev", null, null)), List.of(),
            List.of("DB_HOST=db", "LOG=info", "app.mode=dev",
                "KUBERNETES_SERVICE_HOST=10.96.0.1")),
        new Case("later envFrom overrides an earlier one in place",
            List.of(fromConfigMap("config-dev", null, null), fromConfigMap("other", null, null)),
            List.of(), List.of("DB_HOST=db", "LOG=debug", "app.mode=dev", "X=1",
                "KUBERNETES_SERVICE_HOST=10.96.0.1")),
        new Case("prefix applies to every key",
            List.of(fromConfigMap("other", "CFG_", null), fromSecret("creds", "S_", null)),
            List.of(), List.of("CFG_LOG=debug", "CFG_X=1", "S_PASSWORD=s3cr3t", "S_TOKEN=tok",
                "KUBERNETES_SERVICE_HOST=10.96.0.1", "LOG=svc")),
        new Case("env overrides envFrom and keeps its position",
            List.of(fromConfigMap("other", null, null)),
            List.of(value("A", "a"), value("LOG", "warn")),
            List.of("LOG=warn", "X=1", "A=a", "KUBERNETES_SERVICE_HOST=10.96.0.1")),
        new Case("env expands earlier env, envFrom and service variables",
            List.of(fromConfigMap("other", null, null)),
            List.of(value("URL", "http://$(KUBERNETES_SERVICE_HOST):$(X)/$(LATER)"),
                value("LATER", "l"), value("SELF", "$(SELF)-$(URL)"), value("ESC", "$$(X)")),
            List.of("LOG=debug", "X=1", "URL=http://10.96.0.1:1/$(LATER)", "LATER=l",
                "SELF=$(SELF)-http://10.96.0.1:1/$(LATER)", "ESC=$(X)",
                "KUBERNETES_SERVICE_HOST=10.96.0.1")),
        new Case("configMapKeyRef and secretKeyRef (decoded)", List.of(),
            List.of(configMapKey("DB", "config-dev", "DB_HOST", null),
                secretKey("PW", "creds", "PASSWORD", false)),
            List.of("DB=db", "PW=s3cr3t", "KUBERNETES_SERVICE_HOST=10.96.0.1", "LOG=svc")),
        new Case("optional missing references define nothing", List.of(
                fromConfigMap("missing", null, true), fromSecret("missing", null, true),
                fromConfigMap("other", null, null)),
            List.of(configMapKey("X", "config-dev", "NOPE", true),
                configMapKey("Y", "missing", "k", true), secretKey("Z", "creds", "NOPE", true),
                secretKey("W", "missing", "k", true)),
            List.of("LOG=debug", "X=1", "KUBERNETES_SERVICE_HOST=10.96.0.1")),
        new Case("an empty value without a source is defined empty", List.of(),
            List.of(value("EMPTY", "")),
            List.of("EMPTY=", "KUBERNETES_SERVICE_HOST=10.96.0.1", "LOG=svc")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void buildsTheEnvironmentAsTheKubelet(Case c) throws Exception {
    Container container = container(c.envFrom(), c.env());
    assertThat(render(inputs.environment(pod(container), container)))
        .containsExactlyElementsOf(c.expected());
  }

  record FieldCase(String name, EnvVar var, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<FieldCase> fields() {
    return List.of(
        new FieldCase("metadata.name", field("V", "metadata.name"), "web-1"),
        new FieldCase("metadata.namespace", field("V", "metadata.namespace"), "default"),
        new FieldCase("metadata.uid", field("V", "metadata.uid"), PodFixtures.UID),
        new FieldCase("metadata.labels['app']", field("V", "metadata.labels['app']"), "web"),
        new FieldCase("metadata.labels['absent']", field("V", "metadata.labels['absent']"), ""),
        new FieldCase("metadata.annotations['example.com/owner']",
            field("V", "metadata.annotations['example.com/owner']"), "ops"),
        new FieldCase("metadata.labels", field("V", "metadata.labels"),
            "app=\"web\"\ntier=\"front\""),
        new FieldCase("metadata.annotations", field("V", "metadata.annotations"),
            "example.com/owner=\"ops\"\nnote=\"say \\\"hi\\\"\\n\""),
        new FieldCase("spec.nodeName", field("V", "spec.nodeName"), "node-a"),
        new FieldCase("spec.host (old clients)", field("V", "spec.host"), "node-a"),
        new FieldCase("spec.serviceAccountName", field("V", "spec.serviceAccountName"),
            "builder"),
        new FieldCase("status.podIP", field("V", "status.podIP"), "10.0.0.7"),
        new FieldCase("status.podIPs", field("V", "status.podIPs"), "10.0.0.7,fd00::7"),
        new FieldCase("status.hostIP", field("V", "status.hostIP"), "192.168.1.5"),
        new FieldCase("status.hostIPs", field("V", "status.hostIPs"), "192.168.1.5,fd01::5"),
        new FieldCase("limits.cpu rounds up to cores", resource("V", "limits.cpu", null), "1"),
        new FieldCase("limits.cpu in millicores", resource("V", "limits.cpu", "1m"), "250"),
        new FieldCase("requests.cpu", resource("V", "requests.cpu", "1m"), "100"),
        new FieldCase("requests.memory in Mi", resource("V", "requests.memory", "1Mi"), "64"),
        new FieldCase("requests.memory in bytes", resource("V", "requests.memory", null),
            "67108864"),
        new FieldCase("unset limits.memory is node allocatable",
            resource("V", "limits.memory", "1Gi"), "8"),
        new FieldCase("unset requests.ephemeral-storage is 0",
            resource("V", "requests.ephemeral-storage", null), "0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fields")
  void resolvesDownwardApiReferences(FieldCase c) throws Exception {
    Container container = container(List.of(), List.of(c.var()));
    assertThat(inputs.environment(pod(container), container).get(0))
        .isEqualTo(new ContainerConfig.EnvVar("V", c.expected()));
  }

  @Test
  void unsetLimitWithoutAllocatableIsZero() throws Exception {
    KubeletContainerInputs plain = new KubeletContainerInputs(source);
    Container container = container(List.of(), List.of(resource("M", "limits.memory", null)));
    assertThat(render(plain.environment(pod(container), container))).containsExactly("M=0");
  }

  record ErrorCase(String name, List<EnvFromSource> envFrom, List<EnvVar> env, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<ErrorCase> errors() {
    return List.of(
        new ErrorCase("envFrom configmap missing", List.of(fromConfigMap("nope", null, false)),
            List.of(), "configmap \"nope\" not found"),
        new ErrorCase("envFrom secret missing", List.of(fromSecret("nope", null, null)),
            List.of(), "secret \"nope\" not found"),
        new ErrorCase("configMapKeyRef object missing", List.of(),
            List.of(configMapKey("V", "config-prod", "DB_URL", null)),
            "configmap \"config-prod\" not found"),
        new ErrorCase("configMapKeyRef key missing", List.of(),
            List.of(configMapKey("V", "config-dev", "DB_URL", false)),
            "couldn't find key DB_URL in ConfigMap default/config-dev"),
        new ErrorCase("secretKeyRef object missing", List.of(),
            List.of(secretKey("V", "nope", "k", null)), "secret \"nope\" not found"),
        new ErrorCase("secretKeyRef key missing", List.of(),
            List.of(secretKey("V", "creds", "API_KEY", null)),
            "couldn't find key API_KEY in Secret default/creds"),
        new ErrorCase("unknown field", List.of(), List.of(field("V", "spec.hostname")),
            "field label not supported: spec.hostname"),
        new ErrorCase("field known to conversion but not to the kubelet", List.of(),
            List.of(field("V", "spec.restartPolicy")), "unsupported fieldPath: spec.restartPolicy"),
        new ErrorCase("subscript on a field without one", List.of(),
            List.of(field("V", "metadata.name['x']")),
            "field label does not support subscript: metadata.name['x']"),
        new ErrorCase("unsupported resource", List.of(),
            List.of(resource("V", "limits.gpu", null)),
            "unsupported container resource : limits.gpu"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void reportsWhatIsMissingAsTheKubelet(ErrorCase c) {
    Container container = container(c.envFrom(), c.env());
    assertThatThrownBy(() -> inputs.environment(pod(container), container))
        .isInstanceOf(ContainerConfigError.class).hasMessage(c.message());
  }

  private static List<String> render(List<ContainerConfig.EnvVar> env) {
    return env.stream().map(e -> e.name() + "=" + e.value()).toList();
  }
}
