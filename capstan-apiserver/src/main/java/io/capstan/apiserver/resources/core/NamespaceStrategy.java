package io.capstan.apiserver.resources.core;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.MetadataRules;
import io.capstan.apiserver.resources.validation.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Namespaces ({@code pkg/registry/core/namespace/strategy.go}): created Active with the
 * {@code kubernetes} finalizer, labelled {@code kubernetes.io/metadata.name}; the finalizer list
 * changes only through the finalize subresource.
 */
public final class NamespaceStrategy implements ResourceStrategy {

  static final String NAME_LABEL = "kubernetes.io/metadata.name";

  @Override
  public void applyDefaults(ObjectNode namespace) {
    String name = Metadata.name(namespace);
    if (!name.isEmpty()) {
      Nodes.ensureObject(Metadata.of(namespace), "labels").put(NAME_LABEL, name);
    }
    ObjectNode status = Nodes.ensureObject(namespace, "status");
    if (Nodes.string(status, "phase").isEmpty()) {
      status.put("phase", "Active");
    }
  }

  @Override
  public void prepareForCreate(ObjectNode namespace) {
    namespace.putObject("status").put("phase", "Active");
    ArrayNode finalizers = Nodes.ensureArray(Nodes.ensureObject(namespace, "spec"), "finalizers");
    boolean present = false;
    for (JsonNode f : finalizers) {
      present |= f.asString().equals("kubernetes");
    }
    if (!present) {
      finalizers.add("kubernetes");
    }
  }

  @Override
  public void prepareForUpdate(ObjectNode namespace, ObjectNode old) {
    ObjectNode spec = Nodes.ensureObject(namespace, "spec");
    Nodes.copyField(spec, Nodes.objectOrEmpty(old, "spec"), "finalizers");
    Nodes.copyField(namespace, old, "status");
    Metadata.keepGeneration(namespace, old);
  }

  @Override
  public List<FieldError> validate(ObjectNode namespace) {
    return validateSpecFinalizers(namespace);
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode namespace, ObjectNode old) {
    return List.of();
  }

  @Override
  public Map<String, String> selectableFields(ObjectNode namespace) {
    return Map.of("status.phase", Nodes.string(Nodes.objectOrEmpty(namespace, "status"), "phase"),
        "name", Metadata.name(namespace));
  }

  /** Finalizer names; upstream reports them on the list's path, without an index. */
  static List<FieldError> validateSpecFinalizers(JsonNode namespace) {
    List<FieldError> errs = new ArrayList<>();
    FieldPath path = FieldPath.of("spec", "finalizers");
    for (String f : Nodes.strings(Nodes.objectOrEmpty(namespace, "spec"), "finalizers")) {
      for (String msg : Names.qualifiedName(f)) {
        errs.add(FieldError.invalid(path.text(), f, msg));
      }
      errs.addAll(MetadataRules.validateKubeFinalizerName(f, path));
    }
    return errs;
  }
}
