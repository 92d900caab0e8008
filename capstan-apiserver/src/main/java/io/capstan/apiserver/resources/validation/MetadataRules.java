package io.capstan.apiserver.resources.validation;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Nodes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parts of object-metadata validation shared by create and update
 * ({@code apimachinery/pkg/api/validation/objectmeta.go} plus core's finalizer-name rule).
 */
public final class MetadataRules {

  public static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

  /** The finalizers Kubernetes accepts without a domain prefix. */
  public static final Set<String> STANDARD_FINALIZERS =
      Set.of("kubernetes", "orphan", "foregroundDeletion");

  private MetadataRules() {}

  /** Labels, annotations, owner references, finalizers and managed fields of one metadata. */
  public static List<FieldError> validateCommon(JsonNode meta, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    errs.addAll(LabelRules.validateLabels(Nodes.stringMap(meta, "labels"), path.child("labels")));
    errs.addAll(validateAnnotations(Nodes.stringMap(meta, "annotations"),
        path.child("annotations")));
    errs.addAll(validateOwnerReferences(Nodes.objects(meta, "ownerReferences"),
        path.child("ownerReferences")));
    errs.addAll(validateFinalizers(Nodes.strings(meta, "finalizers"), path.child("finalizers")));
    errs.addAll(validateManagedFields(Nodes.objects(meta, "managedFields"),
        path.child("managedFields")));
    return errs;
  }

  /** Keys are qualified names compared case-insensitively; total size at most 256 KiB. */
  public static List<FieldError> validateAnnotations(Map<String, String> annotations,
      FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    long total = 0;
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      for (String msg : Names.qualifiedName(e.getKey().toLowerCase(java.util.Locale.ROOT))) {
        errs.add(FieldError.invalid(path.text(), e.getKey(), msg));
      }
      total += e.getKey().getBytes(StandardCharsets.UTF_8).length
          + e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
      errs.add(new FieldError(FieldError.Type.TOO_LONG, path.text(), FieldError.OMIT,
          "must have at most " + TOTAL_ANNOTATION_SIZE_LIMIT + " bytes"));
    }
    return errs;
  }

  public static List<FieldError> validateOwnerReferences(List<ObjectNode> refs, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    String firstController = "";
    for (ObjectNode ref : refs) {
      String apiVersion = Nodes.string(ref, "apiVersion");
      String kind = Nodes.string(ref, "kind");
      String[] gv = parseGroupVersion(apiVersion);
      if (gv[1].isEmpty()) {
        errs.add(FieldError.invalid(path.child("apiVersion").text(), apiVersion,
            "version must not be empty"));
      }
      if (kind.isEmpty()) {
        errs.add(FieldError.invalid(path.child("kind").text(), kind, "must not be empty"));
      }
      String name = Nodes.string(ref, "name");
      if (name.isEmpty()) {
        errs.add(FieldError.invalid(path.child("name").text(), name, "must not be empty"));
      }
      String uid = Nodes.string(ref, "uid");
      if (uid.isEmpty()) {
        errs.add(FieldError.invalid(path.child("uid").text(), uid, "must not be empty"));
      }
      if (gv[0].isEmpty() && gv[1].equals("v1") && kind.equals("Event")) {
        errs.add(FieldError.invalid(path.text(), ref,
            "/v1, Kind=Event is disallowed from being an owner"));
      }
      if (Nodes.bool(ref, "controller")) {
        String current = kind + "/" + name;
        if (!firstController.isEmpty()) {
          errs.add(FieldError.invalid(path.text(), refs.toString(),
              "Only one reference can have Controller set to true. Found \"true\" in references for "
                  + firstController + " and " + current));
        } else {
          firstController = current;
        }
      }
    }
    return errs;
  }

  /** {@code [group, version]}; both empty when the text has more than one slash. */
  static String[] parseGroupVersion(String apiVersion) {
    if (apiVersion.isEmpty() || apiVersion.equals("/")) {
      return new String[] {"", ""};
    }
    int slashes = apiVersion.length() - apiVersion.replace("/", "").length();
    if (slashes == 0) {
      return new String[] {"", apiVersion};
    }
    if (slashes == 1) {
      int i = apiVersion.indexOf('/');
      return new String[] {apiVersion.substring(0, i), apiVersion.substring(i + 1)};
    }
    return new String[] {"", ""};
  }

  /**
   * Qualified names (errors on the list's path, as upstream), the standard-name rule for names
   * without a domain (errors on the entry), and no {@code orphan} with {@code foregroundDeletion}.
   */
  public static List<FieldError> validateFinalizers(List<String> finalizers, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    boolean orphan = false;
    boolean foreground = false;
    for (String finalizer : finalizers) {
      for (String msg : Names.qualifiedName(finalizer)) {
        errs.add(FieldError.invalid(path.text(), finalizer, msg));
      }
      orphan |= finalizer.equals("orphan");
      foreground |= finalizer.equals("foregroundDeletion");
    }
    if (orphan && foreground) {
      errs.add(FieldError.invalid(path.text(), finalizers.toString(),
          "finalizer orphan and foregroundDeletion cannot be both set"));
    }
    for (int i = 0; i < finalizers.size(); i++) {
      errs.addAll(validateKubeFinalizerName(finalizers.get(i), path.index(i)));
    }
    return errs;
  }

  /** Core's rule: a finalizer without a {@code domain/} prefix must be a standard one. */
  public static List<FieldError> validateKubeFinalizerName(String finalizer, FieldPath path) {
    if (!finalizer.contains("/") && !STANDARD_FINALIZERS.contains(finalizer)) {
      return List.of(FieldError.invalid(path.text(), finalizer,
          "name is neither a standard finalizer name nor is it fully qualified"));
    }
    return List.of();
  }

  private static List<FieldError> validateManagedFields(List<ObjectNode> entries, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      ObjectNode entry = entries.get(i);
      FieldPath p = path.index(i);
      String operation = Nodes.string(entry, "operation");
      if (!operation.equals("Apply") && !operation.equals("Update")) {
        errs.add(FieldError.invalid(p.child("operation").text(), operation,
            "must be `Apply` or `Update`"));
      }
      String fieldsType = Nodes.string(entry, "fieldsType");
      if (!fieldsType.isEmpty() && !fieldsType.equals("FieldsV1")) {
        errs.add(FieldError.invalid(p.child("fieldsType").text(), fieldsType,
            "must be `FieldsV1`"));
      }
      String manager = Nodes.string(entry, "manager");
      if (manager.length() > 128) {
        errs.add(FieldError.tooLong(p.child("manager").text(), manager, 128, "bytes"));
      }
    }
    return errs;
  }
}
