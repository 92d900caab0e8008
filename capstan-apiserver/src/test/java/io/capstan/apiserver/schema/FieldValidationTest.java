package io.capstan.apiserver.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FieldValidationTest {

  private static final TypeSchemas SCHEMAS = TypeSchemas.builder()
      .addKind(Deployment.class, new GroupVersionKind("apps", "v1", "Deployment"))
      .addModel(ConfigMap.class).addScale().build();
  private static final FieldValidation VALIDATION = new FieldValidation(SCHEMAS);

  private static final String VALID = """
      {"apiVersion": "apps/v1", "kind": "Deployment",
       "metadata": {"name": "web", "labels": {"app": "web", "any-key/x": "y"},
         "annotations": {"a": "b"}, "finalizers": ["x"],
         "managedFields": [{"manager": "kubectl", "fieldsV1": {"f:spec": {"f:replicas": {}}}}]},
       "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
         "strategy": {"type": "RollingUpdate",
           "rollingUpdate": {"maxSurge": 1, "maxUnavailable": "25%"}},
         "template": {"metadata": {"labels": {"app": "web"}, "creationTimestamp": null},
           "spec": {"containers": [{"name": "web", "image": "nginx",
             "ports": [{"containerPort": 80}],
             "resources": {"limits": {"cpu": "500m", "memory": "1Gi"}}}]}}},
       "status": {"replicas": 2, "conditions": [{"type": "Available", "status": "True"}]}}
      """;

  record Case(String name, String json, List<String> problems) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> deploymentCases() {
    return Stream.of(
        new Case("a complete valid deployment", VALID, List.of()),
        new Case("an empty object", "{}", List.of()),
        new Case("an unknown top-level field", """
            {"apiVersion": "apps/v1", "kind": "Deployment", "foo": 1}""",
            List.of("unknown field \"foo\"")),
        new Case("an unknown field in spec", """
            {"spec": {"replicas": 1, "foo": {"deep": [1, 2]}}}""",
            List.of("unknown field \"spec.foo\"")),
        new Case("unknown fields in list elements", """
            {"spec": {"template": {"spec": {"containers": [
              {"name": "a", "bar": 1}, {"name": "b"}, {"name": "c", "baz": true}]}}}}""",
            List.of("unknown field \"spec.template.spec.containers[0].bar\"",
                "unknown field \"spec.template.spec.containers[2].baz\"")),
        new Case("an unknown field in metadata", """
            {"metadata": {"name": "x", "foo": "y"}}""",
            List.of("unknown field \"metadata.foo\"")),
        new Case("an unknown field in status", """
            {"status": {"replicas": 1, "bogus": 1}}""",
            List.of("unknown field \"status.bogus\"")),
        new Case("field names are case-sensitive", """
            {"spec": {"Replicas": 1}}""", List.of("unknown field \"spec.Replicas\"")),
        new Case("inside an unknown field nothing more is reported", """
            {"spec": {"foo": {"bar": 1, "baz": 2}}}""", List.of("unknown field \"spec.foo\"")),
        new Case("problems come in document order", """
            {"zeta": 1, "spec": {"b": 1, "replicas": 1, "a": 2}, "alpha": 3}""",
            List.of("unknown field \"zeta\"", "unknown field \"spec.b\"",
                "unknown field \"spec.a\"", "unknown field \"alpha\"")),
        new Case("a duplicate field", """
            {"spec": {"replicas": 1, "replicas": 2}}""",
            List.of("duplicate field \"spec.replicas\"")),
        new Case("a duplicate top-level field", """
            {"kind": "Deployment", "kind": "Deployment"}""",
            List.of("duplicate field \"kind\"")),
        new Case("a duplicate map key", """
            {"metadata": {"labels": {"app": "a", "app": "b"}}}""",
            List.of("duplicate field \"metadata.labels.app\"")),
        new Case("a duplicate unknown field is unknown once and duplicate once", """
            {"spec": {"x": 1, "x": 2}}""",
            List.of("unknown field \"spec.x\"", "duplicate field \"spec.x\"")),
        new Case("free-form fieldsV1 is never checked", """
            {"metadata": {"managedFields": [{"fieldsV1": {"anything": {"goes": 1}}}]}}""",
            List.of()),
        new Case("values of the wrong type are left to decoding", """
            {"spec": "text", "metadata": {"labels": [1, 2]},
             "status": {"conditions": {"type": "x"}}}""", List.of()),
        new Case("null values are fine", """
            {"metadata": null, "spec": {"template": null, "replicas": null}}""", List.of()),
        new Case("a top-level array is not this check's business", "[1, 2]", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deploymentCases")
  void findsUnknownAndDuplicateFieldsInRawJson(Case c) {
    assertThat(VALIDATION.check(c.json().getBytes(StandardCharsets.UTF_8), Deployment.class)
        .problems()).containsExactlyElementsOf(c.problems());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deploymentCases")
  void findsUnknownFieldsInParsedTrees(Case c) {
    List<String> unknownOnly = c.problems().stream()
        .filter(p -> p.startsWith("unknown")).distinct().toList();
    assertThat(VALIDATION.check(Json.MAPPER.readTree(c.json()), Deployment.class).problems())
        .containsExactlyElementsOf(unknownOnly);
  }

  @Test
  void checksYamlBodiesOnceParsed() {
    var yaml = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cfg}
        data: {a: b}
        binaryData: {c: ZA==}
        immutable: true
        extra: 1
        """;
    assertThat(VALIDATION.check(Json.YAML.readTree(yaml), ConfigMap.class).problems())
        .containsExactly("unknown field \"extra\"");
  }

  @Test
  void checksBodiesByDefinitionName() {
    assertThat(VALIDATION.check("""
        {"apiVersion": "autoscaling/v1", "kind": "Scale", "spec": {"replicas": 3, "x": 1}}"""
        .getBytes(StandardCharsets.UTF_8), WellKnownTypes.SCALE).problems())
        .containsExactly("unknown field \"spec.x\"");
  }

  @Test
  void rejectsTypesItHasNoSchemaFor() {
    assertThatThrownBy(() -> VALIDATION.check(new byte[] {'{', '}'}, String.class))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VALIDATION.check(new byte[] {'{', '}'}, "io.k8s.api.Nope"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void wordsStrictErrorsAndWarningsAsKubernetes() {
    FieldProblems problems = VALIDATION.check("""
        {"spec": {"foo": 1, "template": {"spec": {"containers": [{"bar": 1}]}}}}"""
        .getBytes(StandardCharsets.UTF_8), Deployment.class);
    assertThat(problems.warnings()).containsExactly("unknown field \"spec.foo\"",
        "unknown field \"spec.template.spec.containers[0].bar\"");
    assertThat(problems.strictMessage()).isEqualTo("strict decoding error: unknown field"
        + " \"spec.foo\", unknown field \"spec.template.spec.containers[0].bar\"");
    ApiException create = problems.strictDecodingError(
        new GroupVersionKind("apps", "v1", "Deployment"));
    assertThat(create.code()).isEqualTo(400);
    assertThat(create.reason()).isEqualTo("BadRequest");
    assertThat(create.getMessage()).isEqualTo("Deployment in version \"v1\" cannot be handled"
        + " as a Deployment: " + problems.strictMessage());
    assertThat(problems.strictPatchError().getMessage()).isEqualTo(problems.strictMessage());
  }

  record DirectiveCase(String name, String value, Optional<FieldValidationDirective> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<DirectiveCase> directives() {
    return Stream.of(
        new DirectiveCase("absent means Warn", null, Optional.of(FieldValidationDirective.WARN)),
        new DirectiveCase("empty means Warn", "", Optional.of(FieldValidationDirective.WARN)),
        new DirectiveCase("Strict", "Strict", Optional.of(FieldValidationDirective.STRICT)),
        new DirectiveCase("Warn", "Warn", Optional.of(FieldValidationDirective.WARN)),
        new DirectiveCase("Ignore", "Ignore", Optional.of(FieldValidationDirective.IGNORE)),
        new DirectiveCase("values are case-sensitive", "strict", Optional.empty()),
        new DirectiveCase("unknown values are rejected", "Loose", Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("directives")
  void parsesTheFieldValidationParameter(DirectiveCase c) {
    assertThat(FieldValidationDirective.parse(c.value())).isEqualTo(c.expected());
  }
}
