package io.capstan.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Checks the Go shapes table against the descriptors, and the proto field names against the JSON
 * names of the fabric8 model classes, over every message the accepted kinds reach.
 */
class GoFieldShapesTest {

  private static final Map<String, String> FABRIC8_PACKAGES = Map.of(
      "k8s.io.api.core.v1.", "io.fabric8.kubernetes.api.model.",
      "k8s.io.apimachinery.pkg.apis.meta.v1.", "io.fabric8.kubernetes.api.model.",
      "k8s.io.api.apps.v1.", "io.fabric8.kubernetes.api.model.apps.",
      "k8s.io.api.coordination.v1.", "io.fabric8.kubernetes.api.model.coordination.v1.",
      "k8s.io.api.discovery.v1.", "io.fabric8.kubernetes.api.model.discovery.v1.",
      "k8s.io.api.policy.v1.", "io.fabric8.kubernetes.api.model.policy.v1.");

  /** Types with their own JSON form, written by MessageJson as scalars. */
  private static final Set<String> SCALAR_TYPES = Set.of(
      "k8s.io.apimachinery.pkg.apis.meta.v1.Time",
      "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime",
      "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1",
      "k8s.io.apimachinery.pkg.runtime.RawExtension",
      "k8s.io.apimachinery.pkg.util.intstr.IntOrString",
      "k8s.io.apimachinery.pkg.api.resource.Quantity");

  @Test
  void everyPointerFieldIsAScalarFieldOfAReachableMessage() {
    Map<String, FieldDescriptor> fields = reachableFields();
    for (String name : GoFieldShapes.pointerFields()) {
      assertThat(fields).as(name).containsKey(name);
      assertThat(fields.get(name).getJavaType()).as(name)
          .isNotEqualTo(FieldDescriptor.JavaType.MESSAGE);
      assertThat(fields.get(name).isRepeated()).as(name).isFalse();
    }
    for (String name : GoFieldShapes.inlineFields()) {
      assertThat(fields).as(name).containsKey(name);
      assertThat(fields.get(name).getJavaType()).as(name)
          .isEqualTo(FieldDescriptor.JavaType.MESSAGE);
    }
  }

  @Test
  void protoFieldNamesAreTheJsonNames() {
    Set<String> mismatches = new TreeSet<>();
    Set<String> withoutModel = new TreeSet<>();
    Set<Descriptor> messages = new LinkedHashSet<>();
    reachableFields().values().forEach(f -> messages.add(f.getContainingType()));
    for (Descriptor message : messages) {
      Optional<Set<String>> jsonNames = fabric8JsonNames(message);
      if (jsonNames.isEmpty()) {
        withoutModel.add(message.getFullName());
        continue;
      }
      for (FieldDescriptor field : jsonFields(message)) {
        if (!jsonNames.get().contains(field.getName())) {
          mismatches.add(field.getFullName());
        }
      }
    }
    assertThat(mismatches).isSubsetOf(NEWER_THAN_FABRIC8);
    // Embedded only inline, so their fields were checked as their parents' fields.
    assertThat(withoutModel).containsExactlyInAnyOrder(
        "k8s.io.api.core.v1.EphemeralContainerCommon", "k8s.io.api.core.v1.ProbeHandler",
        "k8s.io.api.core.v1.VolumeSource");
  }

  /** Fields of Kubernetes releases after the one fabric8 8.0.0 was generated from. */
  private static final Set<String> NEWER_THAN_FABRIC8 = Set.of(
      "k8s.io.api.core.v1.NodeAllocatableResourceClaimStatus.resources");

  /** The fields that appear in the message's JSON object, with inline ones flattened. */
  private static List<FieldDescriptor> jsonFields(Descriptor message) {
    List<FieldDescriptor> out = new ArrayList<>();
    for (FieldDescriptor f : message.getFields()) {
      if (GoFieldShapes.isInline(f)) {
        out.addAll(jsonFields(f.getMessageType()));
      } else {
        out.add(f);
      }
    }
    return out;
  }

  private static Map<String, FieldDescriptor> reachableFields() {
    Map<String, FieldDescriptor> fields = new LinkedHashMap<>();
    Deque<Descriptor> queue = new ArrayDeque<>();
    ProtobufKinds.keys().forEach(key -> {
      int slash = key.lastIndexOf('/');
      queue.add(ProtobufKinds.descriptor(key.substring(0, slash), key.substring(slash + 1))
          .orElseThrow());
    });
    Set<String> seen = new TreeSet<>();
    while (!queue.isEmpty()) {
      Descriptor d = queue.poll();
      if (!seen.add(d.getFullName()) || SCALAR_TYPES.contains(d.getFullName())) {
        continue;
      }
      for (FieldDescriptor f : d.getFields()) {
        fields.put(f.getFullName(), f);
        if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
          queue.add(f.getMessageType());
        }
      }
    }
    fields.values().removeIf(f -> f.getContainingType().getOptions().getMapEntry());
    return fields;
  }

  private static Optional<Set<String>> fabric8JsonNames(Descriptor message) {
    String full = message.getFullName();
    for (Map.Entry<String, String> p : FABRIC8_PACKAGES.entrySet()) {
      if (full.startsWith(p.getKey())) {
        try {
          Class<?> type = Class.forName(p.getValue() + full.substring(p.getKey().length()));
          Set<String> names = new TreeSet<>();
          for (Field f : type.getDeclaredFields()) {
            JsonProperty property = f.getAnnotation(JsonProperty.class);
            if (property != null) {
              names.add(property.value());
            }
          }
          return Optional.of(names);
        } catch (ClassNotFoundException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
