package io.capstan.apiserver.resources;

import static io.capstan.apiserver.resources.Fixtures.assertOneError;
import static io.capstan.apiserver.resources.Fixtures.messages;
import static io.capstan.apiserver.resources.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.errors.FieldError.Type;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class ObjectMetaValidatorTest {

  record Case(String name, String meta, boolean namespaced, NameRule rule, String field,
      Type type, String detail) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final NameRule SUBDOMAIN = NameRule.DNS1123_SUBDOMAIN;

  static Stream<Case> invalid() {
    return Stream.of(
        new Case("no name", "{namespace: t}", true, SUBDOMAIN, "metadata.name", Type.REQUIRED,
            "name or generateName is required"),
        new Case("uppercase name", "{name: Web, namespace: t}", true, SUBDOMAIN, "metadata.name",
            Type.INVALID, "a lowercase RFC 1123 subdomain must consist of"),
        new Case("namespace name with dots", "{name: t.x}", false, NameRule.DNS1123_LABEL,
            "metadata.name", Type.INVALID, "must not contain dots"),
        new Case("service name starting with digit", "{name: 9lives, namespace: t}", true,
            NameRule.DNS1035_LABEL, "metadata.name", Type.INVALID, "a DNS-1035 label"),
        new Case("path segment name", "{name: .., namespace: t}", true, NameRule.PATH_SEGMENT,
            "metadata.name", Type.INVALID, "may not be '..'"),
        new Case("name with slash", "{name: a/b, namespace: t}", true, NameRule.PATH_SEGMENT,
            "metadata.name", Type.INVALID, "may not contain '/'"),
        new Case("bad generateName", "{generateName: Web-, namespace: t}", true, SUBDOMAIN,
            "metadata.generateName", Type.INVALID, "a lowercase RFC 1123 subdomain"),
        new Case("missing namespace", "{name: web}", true, SUBDOMAIN, "metadata.namespace",
            Type.REQUIRED, ""),
        new Case("invalid namespace", "{name: web, namespace: Team}", true, SUBDOMAIN,
            "metadata.namespace", Type.INVALID, "a lowercase RFC 1123 label"),
        new Case("namespace on cluster-scoped kind", "{name: n, namespace: t}", false, SUBDOMAIN,
            "metadata.namespace", Type.FORBIDDEN, "not allowed on this type"),
        new Case("label key", "{name: w, namespace: t, labels: {'a/b/c': x}}", true, SUBDOMAIN,
            "metadata.labels", Type.INVALID, "a qualified name must consist of"),
        new Case("label value length", "{name: w, namespace: t, labels: {a: '"
            + "x".repeat(64) + "'}}", true, SUBDOMAIN, "metadata.labels", Type.INVALID,
            "must be no more than 63 characters"),
        new Case("label value charset", "{name: w, namespace: t, labels: {a: 'x y'}}", true,
            SUBDOMAIN, "metadata.labels", Type.INVALID, "a valid label must be an empty string"),
        new Case("annotation key", "{name: w, namespace: t, annotations: {'bad key': x}}", true,
            SUBDOMAIN, "metadata.annotations", Type.INVALID, "name part must consist of"),
        new Case("annotations too large", "{name: w, namespace: t, annotations: {big: '"
            + "x".repeat(262142) + "'}}", true, SUBDOMAIN, "metadata.annotations",
            Type.TOO_LONG, "must have at most 262144 bytes"),
        new Case("unknown short finalizer", "{name: w, namespace: t, finalizers: [cleanup]}",
            true, SUBDOMAIN, "metadata.finalizers[0]", Type.INVALID,
            "name is neither a standard finalizer name nor is it fully qualified"),
        new Case("conflicting finalizers", "{name: w, namespace: t, finalizers: [orphan,"
            + " foregroundDeletion]}", true, SUBDOMAIN, "metadata.finalizers", Type.INVALID,
            "finalizer orphan and foregroundDeletion cannot be both set"),
        new Case("owner without uid", "{name: w, namespace: t, ownerReferences: [{apiVersion:"
            + " apps/v1, kind: ReplicaSet, name: rs}]}", true, SUBDOMAIN,
            "metadata.ownerReferences.uid", Type.INVALID, "must not be empty"),
        new Case("owner without version", "{name: w, namespace: t, ownerReferences: [{apiVersion:"
            + " apps/, kind: ReplicaSet, name: rs, uid: u}]}", true, SUBDOMAIN,
            "metadata.ownerReferences.apiVersion", Type.INVALID, "version must not be empty"),
        new Case("two controllers", "{name: w, namespace: t, ownerReferences: ["
            + "{apiVersion: apps/v1, kind: ReplicaSet, name: a, uid: u1, controller: true},"
            + "{apiVersion: apps/v1, kind: ReplicaSet, name: b, uid: u2, controller: true}]}",
            true, SUBDOMAIN, "metadata.ownerReferences", Type.INVALID,
            "Only one reference can have Controller set to true. Found \"true\" in references for"
                + " ReplicaSet/a and ReplicaSet/b"),
        new Case("event as owner", "{name: w, namespace: t, ownerReferences: [{apiVersion: v1,"
            + " kind: Event, name: e, uid: u}]}", true, SUBDOMAIN, "metadata.ownerReferences",
            Type.INVALID, "/v1, Kind=Event is disallowed from being an owner"),
        new Case("negative generation", "{name: w, namespace: t, generation: -1}", true,
            SUBDOMAIN, "metadata.generation", Type.INVALID, "must be greater than or equal to 0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejectsOnCreate(Case c) {
    List<FieldError> errs = ObjectMetaValidator.validateCreate(yaml(c.meta()), c.namespaced(),
        c.rule());
    assertOneError(errs, c.field(), c.type(), c.detail());
  }

  @Test
  void annotationLimitMessage() {
    ObjectNode meta = yaml("{name: w, namespace: t}");
    meta.putObject("annotations").put("big", "x".repeat(262142));
    List<FieldError> errs = ObjectMetaValidator.validateCreate(meta, true, NameRule.DNS1123_SUBDOMAIN);
    assertThat(messages(errs)).containsExactly(
        "metadata.annotations: Too long: must have at most 262144 bytes");
    meta.putObject("annotations").put("big", "x".repeat(262141));
    assertThat(ObjectMetaValidator.validateCreate(meta, true, NameRule.DNS1123_SUBDOMAIN))
        .isEmpty();
  }

  @Test
  void acceptsStandardFinalizersAndGenerateNameWithTrailingDash() {
    ObjectNode meta = yaml("{generateName: web-5d4f8-, namespace: t, finalizers: [kubernetes,"
        + " foregroundDeletion, example.com/x], labels: {app.kubernetes.io/name: web, empty: ''},"
        + " ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d4f8,"
        + " uid: u, controller: true, blockOwnerDeletion: true}]}");
    assertThat(messages(ObjectMetaValidator.validateCreate(meta, true,
        NameRule.DNS1123_SUBDOMAIN))).isEmpty();
  }

  static ObjectNode storedMeta() {
    return yaml("{name: web, namespace: t, uid: u-1, resourceVersion: '5', generation: 3,"
        + " creationTimestamp: '2024-01-01T00:00:00Z'}");
  }

  static Stream<Case> invalidUpdates() {
    return Stream.of(
        new Case("renamed", "{name: web2}", true, SUBDOMAIN, "metadata.name", Type.INVALID,
            "field is immutable"),
        new Case("moved", "{namespace: u}", true, SUBDOMAIN, "metadata.namespace", Type.INVALID,
            "field is immutable"),
        new Case("new uid", "{uid: u-2}", true, SUBDOMAIN, "metadata.uid", Type.INVALID,
            "field is immutable"),
        new Case("new creation time", "{creationTimestamp: '2025-01-01T00:00:00Z'}", true,
            SUBDOMAIN, "metadata.creationTimestamp", Type.INVALID, "field is immutable"),
        new Case("lower generation", "{generation: 2}", true, SUBDOMAIN, "metadata.generation",
            Type.INVALID, "must not be decremented"),
        new Case("bad label", "{labels: {'-a': b}}", true, SUBDOMAIN, "metadata.labels",
            Type.INVALID, "name part must consist of"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidUpdates")
  void rejectsOnUpdate(Case c) {
    ObjectNode now = storedMeta();
    now.setAll(yaml(c.meta()));
    assertOneError(ObjectMetaValidator.validateUpdate(now, storedMeta()), c.field(), c.type(),
        c.detail());
  }

  @Test
  void missingSystemFieldsOnUpdateCountAsUnchanged() {
    ObjectNode now = yaml("{name: web, namespace: t, resourceVersion: '5', generation: 3}");
    assertThat(ObjectMetaValidator.validateUpdate(now, storedMeta())).isEmpty();
  }

  @Test
  void noNewFinalizersWhileDeleting() {
    ObjectNode old = storedMeta().put("deletionTimestamp", "2024-02-01T00:00:00Z");
    old.putArray("finalizers").add("foregroundDeletion");
    ObjectNode now = old.deepCopy();
    now.putArray("finalizers").add("foregroundDeletion").add("example.com/hold");
    assertOneError(ObjectMetaValidator.validateUpdate(now, old), "metadata.finalizers",
        Type.FORBIDDEN, "no new finalizers can be added if the object is being deleted, found"
            + " new finalizers []string{\"example.com/hold\"}");
    ObjectNode removing = old.deepCopy();
    removing.putArray("finalizers");
    assertThat(ObjectMetaValidator.validateUpdate(removing, old)).isEmpty();
  }

  @Test
  void a14InvalidNameMessage() {
    List<FieldError> errs = ObjectMetaValidator.validateCreate(yaml("{name: Web, namespace: t}"),
        true, Strategies.nameRuleFor("apps", "Deployment"));
    assertThat(ApiException.invalid("apps", "Deployment", "Web", errs).getMessage())
        .isEqualTo("Deployment.apps \"Web\" is invalid: metadata.name: Invalid value: \"Web\": a"
            + " lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters,"
            + " '-' or '.', and must start and end with an alphanumeric character (e.g."
            + " 'example.com', regex used for validation is"
            + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
  }
}
