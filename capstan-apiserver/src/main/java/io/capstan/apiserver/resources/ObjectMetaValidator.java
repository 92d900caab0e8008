package io.capstan.apiserver.resources;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.MetadataRules;
import io.capstan.apiserver.resources.validation.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validation of {@code metadata} shared by every kind, as {@code ValidateObjectMeta} and
 * {@code ValidateObjectMetaUpdate} (core flavour, which adds the standard-finalizer rule).
 *
 * <p>On create, an empty name is accepted when {@code generateName} is set, for a registry that
 * generates the name after validating. On update, a missing {@code uid},
 * {@code creationTimestamp} or {@code deletionGracePeriodSeconds} counts as unchanged (the
 * registry carries them over from the stored object, as Kubernetes' {@code BeforeUpdate} does);
 * {@code resourceVersion} preconditions are the registry's business and are not checked here.
 */
public final class ObjectMetaValidator {

  private static final FieldPath META = FieldPath.of("metadata");

  private ObjectMetaValidator() {}

  public static List<FieldError> validateCreate(ObjectNode metadata, boolean namespaced,
      NameRule rule) {
    JsonNode meta = metadata == null ? io.capstan.apiserver.json.Json.object() : metadata;
    List<FieldError> errs = new ArrayList<>();
    String generateName = Nodes.string(meta, "generateName");
    if (!generateName.isEmpty()) {
      for (String msg : rule.check(generateName, true)) {
        errs.add(FieldError.invalid(META.child("generateName").text(), generateName, msg));
      }
    }
    String name = Nodes.string(meta, "name");
    if (name.isEmpty()) {
      if (generateName.isEmpty()) {
        errs.add(FieldError.required(META.child("name").text(),
            "name or generateName is required"));
      }
    } else {
      for (String msg : rule.check(name, false)) {
        errs.add(FieldError.invalid(META.child("name").text(), name, msg));
      }
    }
    errs.addAll(validateNamespace(meta, namespaced));
    long generation = Nodes.integer(meta, "generation");
    if (generation < 0) {
      errs.add(FieldError.invalid(META.child("generation").text(), generation,
          "must be greater than or equal to 0"));
    }
    errs.addAll(MetadataRules.validateCommon(meta, META));
    return errs;
  }

  public static List<FieldError> validateUpdate(ObjectNode newMeta, ObjectNode oldMeta) {
    JsonNode now = newMeta == null ? io.capstan.apiserver.json.Json.object() : newMeta;
    JsonNode before = oldMeta == null ? io.capstan.apiserver.json.Json.object() : oldMeta;
    List<FieldError> errs = new ArrayList<>();
    if (Nodes.has(before, "deletionTimestamp")) {
      TreeSet<String> added = new TreeSet<>(Nodes.strings(now, "finalizers"));
      Nodes.strings(before, "finalizers").forEach(added::remove);
      if (!added.isEmpty()) {
        errs.add(FieldError.forbidden(META.child("finalizers").text(),
            "no new finalizers can be added if the object is being deleted, found new finalizers "
                + goStringSlice(added)));
      }
    }
    long generation = Nodes.integer(now, "generation");
    if (generation < Nodes.integer(before, "generation")) {
      errs.add(FieldError.invalid(META.child("generation").text(), generation,
          "must not be decremented"));
    }
    errs.addAll(immutable(now, before, "name", false));
    errs.addAll(immutable(now, before, "namespace", false));
    errs.addAll(immutable(now, before, "uid", true));
    errs.addAll(immutable(now, before, "creationTimestamp", true));
    if (!Nodes.has(before, "deletionTimestamp")) {
      errs.addAll(immutable(now, before, "deletionTimestamp", false));
    }
    errs.addAll(immutable(now, before, "deletionGracePeriodSeconds", true));
    errs.addAll(MetadataRules.validateCommon(now, META));
    return errs;
  }

  private static List<FieldError> validateNamespace(JsonNode meta, boolean namespaced) {
    List<FieldError> errs = new ArrayList<>();
    String namespace = Nodes.string(meta, "namespace");
    FieldPath path = META.child("namespace");
    if (namespaced) {
      if (namespace.isEmpty()) {
        errs.add(FieldError.required(path.text(), ""));
      } else {
        for (String msg : Names.dns1123Label(namespace)) {
          errs.add(FieldError.invalid(path.text(), namespace, msg));
        }
      }
    } else if (!namespace.isEmpty()) {
      errs.add(FieldError.forbidden(path.text(), "not allowed on this type"));
    }
    return errs;
  }

  private static List<FieldError> immutable(JsonNode now, JsonNode before, String field,
      boolean missingMeansUnchanged) {
    JsonNode newValue = now.get(field);
    if (missingMeansUnchanged && Nodes.isZero(newValue)) {
      return List.of();
    }
    if (Nodes.semanticEquals(newValue, before.get(field))) {
      return List.of();
    }
    Object shown = newValue == null || newValue.isNull() ? "" : newValue;
    return List.of(FieldError.invalid(META.child(field).text(), shown, "field is immutable"));
  }

  /** Go's {@code %#v} of a {@code []string}. */
  private static String goStringSlice(Iterable<String> values) {
    StringBuilder s = new StringBuilder("[]string{");
    boolean first = true;
    for (String v : values) {
      if (!first) {
        s.append(", ");
      }
      first = false;
      s.append('"').append(v).append('"');
    }
    return s.append('}').toString();
  }
}
