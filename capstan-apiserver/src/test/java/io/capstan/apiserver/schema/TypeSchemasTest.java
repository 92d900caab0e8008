package io.capstan.apiserver.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.schema.TypeSchema.ArrayOf;
import io.capstan.apiserver.schema.TypeSchema.FreeFormObject;
import io.capstan.apiserver.schema.TypeSchema.MapOf;
import io.capstan.apiserver.schema.TypeSchema.ObjectType;
import io.capstan.apiserver.schema.TypeSchema.Ref;
import io.capstan.apiserver.schema.TypeSchema.Scalar;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TypeSchemasTest {

  private static final GroupVersionKind DEPLOYMENT = new GroupVersionKind("apps", "v1",
      "Deployment");
  private static final TypeSchemas SCHEMAS = TypeSchemas.builder()
      .addKind(Deployment.class, DEPLOYMENT)
      .addKind(DeploymentList.class, new GroupVersionKind("apps", "v1", "DeploymentList"))
      .addKind(Pod.class, new GroupVersionKind("", "v1", "Pod"))
      .addModel(Secret.class).addModel(ConfigMap.class).addModel(Lease.class)
      .addScale()
      .build();

  @Test
  void deploymentContainersReferenceContainerMergedByName() {
    TypeSchema containers = property("io.k8s.api.core.v1.PodSpec", "containers");
    assertThat(follow("io.k8s.api.apps.v1.Deployment", "spec", "template", "spec",
        "containers")).isEqualTo(containers);
    assertThat(containers).isInstanceOf(ArrayOf.class);
    assertThat(((ArrayOf) containers).items()).isEqualTo(new Ref("io.k8s.api.core.v1.Container"));
    assertThat(containers.extensions()).containsExactly(
        Map.entry("x-kubernetes-list-map-keys", List.of("name")),
        Map.entry("x-kubernetes-list-type", "map"),
        Map.entry("x-kubernetes-patch-merge-key", "name"),
        Map.entry("x-kubernetes-patch-strategy", "merge"));
    assertThat(property("io.k8s.api.core.v1.PodSpec", "volumes").extensions())
        .containsEntry("x-kubernetes-patch-strategy", "merge,retainKeys");
    assertThat(property("io.k8s.api.core.v1.Container", "ports").extensions())
        .containsEntry("x-kubernetes-list-map-keys", List.of("containerPort", "protocol"))
        .containsEntry("x-kubernetes-patch-merge-key", "containerPort");
    assertThat(property("io.k8s.api.apps.v1.DeploymentSpec", "strategy").extensions())
        .containsExactly(Map.entry("x-kubernetes-patch-strategy", "retainKeys"));
    assertThat(property("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "finalizers")
        .extensions()).containsEntry("x-kubernetes-list-type", "set")
        .containsEntry("x-kubernetes-patch-strategy", "merge")
        .doesNotContainKey("x-kubernetes-patch-merge-key");
  }

  @Test
  void intOrStringAndQuantityAreStringsKubernetesStyle() {
    assertThat(property("io.k8s.api.apps.v1.RollingUpdateDeployment", "maxSurge"))
        .isInstanceOf(Ref.class)
        .extracting(s -> ((Ref) s).definition()).isEqualTo(WellKnownTypes.INT_OR_STRING);
    Scalar intOrString = (Scalar) definition(WellKnownTypes.INT_OR_STRING).schema();
    assertThat(intOrString.type()).isEqualTo("string");
    assertThat(intOrString.format()).isEqualTo("int-or-string");
    assertThat(intOrString.v3OneOf()).containsExactly("integer", "string");
    assertThat(intOrString.extensions()).containsEntry("x-kubernetes-int-or-string", true);

    TypeSchema limits = property("io.k8s.api.core.v1.ResourceRequirements", "limits");
    assertThat(((MapOf) limits).values()).isEqualTo(new Ref(WellKnownTypes.QUANTITY));
    assertThat(((Scalar) definition(WellKnownTypes.QUANTITY).schema()).type())
        .isEqualTo("string");
  }

  @Test
  void objectMetaHasTimestampsMapsAndOwnerReferences() {
    assertThat(((Ref) follow("io.k8s.api.apps.v1.Deployment", "metadata")).definition())
        .isEqualTo(DefinitionNames.META + "ObjectMeta");
    String meta = DefinitionNames.META + "ObjectMeta";
    assertThat(((Ref) property(meta, "creationTimestamp")).definition())
        .isEqualTo(WellKnownTypes.TIME);
    assertThat(((Scalar) definition(WellKnownTypes.TIME).schema()).format())
        .isEqualTo("date-time");
    assertThat(((MapOf) property(meta, "labels")).values()).isEqualTo(new Scalar("string", ""));
    assertThat(((Scalar) property(meta, "generation")).format()).isEqualTo("int64");
    assertThat(property(meta, "ownerReferences").extensions())
        .containsEntry("x-kubernetes-patch-merge-key", "uid");
    assertThat(((Ref) property(DefinitionNames.META + "ManagedFieldsEntry", "fieldsV1"))
        .definition()).isEqualTo(WellKnownTypes.FIELDS_V1);
    assertThat(definition(WellKnownTypes.FIELDS_V1).schema()).isInstanceOf(FreeFormObject.class);
  }

  @Test
  void upstreamFactsGiveFormatsRequiredFieldsAndDescriptions() {
    assertThat(((MapOf) property("io.k8s.api.core.v1.Secret", "data")).values())
        .isEqualTo(new Scalar("string", "byte"));
    assertThat(((MapOf) property("io.k8s.api.core.v1.Secret", "stringData")).values())
        .isEqualTo(new Scalar("string", ""));
    assertThat(((Ref) property("io.k8s.api.coordination.v1.LeaseSpec", "renewTime"))
        .definition()).isEqualTo(WellKnownTypes.MICRO_TIME);
    assertThat(object("io.k8s.api.core.v1.Container").required()).containsExactly("name");
    assertThat(object("io.k8s.api.apps.v1.DeploymentSpec").required())
        .containsExactly("selector", "template");
    assertThat(object("io.k8s.api.apps.v1.DeploymentSpec").description())
        .contains("desired behavior of the Deployment");
    assertThat(property("io.k8s.api.apps.v1.DeploymentSpec", "replicas").description())
        .contains("Number of desired pods");
    assertThat(((Scalar) property("io.k8s.api.apps.v1.DeploymentSpec", "replicas")).format())
        .isEqualTo("int32");
  }

  @Test
  void fieldsEveryKindHasAreDescribedEvenWithoutFacts() {
    TypeSchemas bare = TypeSchemas.builder(UpstreamFacts.none())
        .addModel(Deployment.class).addModel(DeploymentList.class).build();
    var descriptions = new LinkedHashMap<String, String>();
    for (String def : List.of("io.k8s.api.apps.v1.Deployment",
        "io.k8s.api.apps.v1.DeploymentList", "io.k8s.api.core.v1.PodTemplateSpec")) {
      ((ObjectType) bare.definition(def).orElseThrow().schema()).properties().forEach(
          (name, p) -> descriptions.put(def.substring(def.lastIndexOf('.') + 1) + "." + name,
              p.description()));
    }
    assertThat(descriptions).containsEntry("Deployment.metadata", "Standard object's metadata.")
        .containsEntry("Deployment.spec",
            "Specification of the desired behavior of the Deployment.")
        .containsEntry("Deployment.status", "Most recently observed status of the Deployment."
            + " Populated by the system. Read-only.")
        .containsEntry("Deployment.kind", "")
        .containsEntry("DeploymentList.items", "The list of Deployment objects.")
        .containsEntry("DeploymentList.metadata", "Standard list metadata.")
        .containsEntry("PodTemplateSpec.metadata", "Standard object's metadata.")
        .containsEntry("PodTemplateSpec.spec", "");
    assertThat(property("io.k8s.api.apps.v1.DeploymentList", "items").description())
        .as("upstream facts win").isEqualTo("Items is the list of Deployments.");
  }

  @Test
  void withoutFactsNothingIsRequiredOrDescribed() {
    TypeSchemas bare = TypeSchemas.builder(UpstreamFacts.none())
        .addKind(Deployment.class, DEPLOYMENT).build();
    ObjectType container = (ObjectType) bare.definition("io.k8s.api.core.v1.Container")
        .orElseThrow().schema();
    assertThat(container.required()).isEmpty();
    assertThat(container.description()).isEmpty();
    ObjectType meta = (ObjectType) bare.definition(DefinitionNames.META + "ObjectMeta")
        .orElseThrow().schema();
    assertThat(meta.properties().get("creationTimestamp")).isEqualTo(new Scalar("string", ""));
  }

  @Test
  void kindsCarryTheirGroupVersionKind() {
    assertThat(definition("io.k8s.api.apps.v1.Deployment").kinds()).containsExactly(DEPLOYMENT);
    assertThat(definition("io.k8s.api.apps.v1.DeploymentList").kinds())
        .containsExactly(new GroupVersionKind("apps", "v1", "DeploymentList"));
    assertThat(definition("io.k8s.api.apps.v1.DeploymentSpec").kinds()).isEmpty();
    assertThat(definition(WellKnownTypes.SCALE).kinds()).containsExactly(WellKnownTypes.SCALE_KIND);
    assertThat(SCHEMAS.definitionName(Deployment.class))
        .hasValue("io.k8s.api.apps.v1.Deployment");
    assertThat(SCHEMAS.definitionOf(Pod.class).orElseThrow().name())
        .isEqualTo("io.k8s.api.core.v1.Pod");
  }

  @Test
  void kindsListTheirPropertiesSortedAndEveryReferenceResolves() {
    assertThat(object("io.k8s.api.apps.v1.Deployment").properties().keySet())
        .containsExactly("apiVersion", "kind", "metadata", "spec", "status");
    var dangling = new ArrayList<String>();
    SCHEMAS.definitions().values().forEach(d -> collectRefs(d.schema(), dangling));
    dangling.removeIf(name -> SCHEMAS.definitions().containsKey(name));
    assertThat(dangling).isEmpty();
    assertThat(SCHEMAS.reachableFrom(List.of("io.k8s.api.apps.v1.Deployment")))
        .contains("io.k8s.api.core.v1.Container", WellKnownTypes.INT_OR_STRING,
            WellKnownTypes.TIME)
        .doesNotContain("io.k8s.api.core.v1.Secret");
  }

  @Test
  void handWrittenScaleMatchesTheFabric8AutoscalingModel() {
    TypeSchemas reflected = TypeSchemas.builder(UpstreamFacts.none())
        .addModel(io.fabric8.kubernetes.api.model.autoscaling.v1.Scale.class).build();
    for (String name : List.of(WellKnownTypes.SCALE, WellKnownTypes.SCALE_SPEC,
        WellKnownTypes.SCALE_STATUS)) {
      ObjectType expected = (ObjectType) reflected.definition(name).orElseThrow().schema();
      assertThat(object(name).properties().keySet()).as(name)
          .containsExactlyInAnyOrderElementsOf(expected.properties().keySet());
      expected.properties().forEach((p, schema) -> assertThat(object(name).properties().get(p))
          .as(name + "." + p).hasSameClassAs(schema));
    }
  }

  @Test
  void definitionsAreImmutable() {
    assertThatThrownBy(() -> SCHEMAS.definitions().remove("io.k8s.api.apps.v1.Deployment"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> object("io.k8s.api.apps.v1.Deployment").properties().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void lazySchemasAreBuiltOnceOnFirstUse() {
    var builds = new AtomicInteger();
    var lazy = new LazyTypeSchemas(() -> {
      builds.incrementAndGet();
      return SCHEMAS;
    });
    assertThat(builds).hasValue(0);
    assertThat(lazy.get()).isSameAs(SCHEMAS);
    assertThat(lazy.get()).isSameAs(SCHEMAS);
    assertThat(builds).hasValue(1);
  }

  private static void collectRefs(TypeSchema schema, List<String> into) {
    switch (schema) {
      case Ref r -> into.add(r.definition());
      case ArrayOf a -> collectRefs(a.items(), into);
      case MapOf m -> collectRefs(m.values(), into);
      case ObjectType o -> o.properties().values().forEach(p -> collectRefs(p, into));
      case Scalar s -> { }
      case FreeFormObject f -> { }
    }
  }

  /** Follows properties through references from a definition. */
  private static TypeSchema follow(String definition, String... path) {
    TypeSchema current = new Ref(definition);
    for (String name : path) {
      ObjectType object = (ObjectType) definition(((Ref) current).definition()).schema();
      current = object.properties().get(name);
      assertThat(current).as(name).isNotNull();
    }
    return current;
  }

  private static TypeSchema property(String definition, String name) {
    TypeSchema p = object(definition).properties().get(name);
    assertThat(p).as(definition + "." + name).isNotNull();
    return p;
  }

  private static ObjectType object(String name) {
    return (ObjectType) definition(name).schema();
  }

  private static Definition definition(String name) {
    return SCHEMAS.definition(name).orElseThrow(() -> new AssertionError("no " + name));
  }
}
