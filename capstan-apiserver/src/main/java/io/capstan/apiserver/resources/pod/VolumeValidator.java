package io.capstan.apiserver.resources.pod;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.CommonRules;
import io.capstan.apiserver.resources.validation.Quantity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Validation of {@code spec.volumes} ({@code ValidateVolumes}, {@code validateVolumeSource}). */
final class VolumeValidator {

  /** The checked sources, in upstream order, with the path upstream reports a second one on. */
  private static final List<String[]> SOURCE_ORDER = List.of(
      new String[] {"emptyDir", "emptyDir"}, new String[] {"hostPath", "hostPath"},
      new String[] {"gitRepo", "gitRepo"}, new String[] {"gcePersistentDisk", "gcePersistentDisk"},
      new String[] {"awsElasticBlockStore", "awsElasticBlockStore"},
      new String[] {"secret", "secret"}, new String[] {"nfs", "nfs"},
      new String[] {"iscsi", "iscsi"}, new String[] {"glusterfs", "glusterfs"},
      new String[] {"flocker", "flocker"},
      new String[] {"persistentVolumeClaim", "persistentVolumeClaim"},
      new String[] {"rbd", "rbd"}, new String[] {"cinder", "cinder"},
      new String[] {"cephfs", "cephFS"}, new String[] {"quobyte", "quobyte"},
      new String[] {"downwardAPI", "downwarAPI"}, new String[] {"fc", "fc"},
      new String[] {"flexVolume", "flexVolume"}, new String[] {"configMap", "configMap"},
      new String[] {"azureFile", "azureFile"}, new String[] {"vsphereVolume", "vsphereVolume"},
      new String[] {"photonPersistentDisk", "photonPersistentDisk"},
      new String[] {"portworxVolume", "portworxVolume"}, new String[] {"azureDisk", "azureDisk"},
      new String[] {"storageos", "storageos"}, new String[] {"projected", "projected"},
      new String[] {"scaleIO", "scaleIO"}, new String[] {"csi", "csi"},
      new String[] {"ephemeral", "ephemeral"}, new String[] {"image", "image"});

  private static final List<String> HOST_PATH_TYPES = List.of("", "BlockDevice", "CharDevice",
      "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket");
  private static final Set<String> VOLUME_FIELD_PATHS = Set.of("metadata.annotations",
      "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid");

  /** The valid volumes by name, for mount checks, and the errors. */
  record Result(Map<String, ObjectNode> volumes, List<FieldError> errors) {}

  private VolumeValidator() {}

  static Result validate(List<ObjectNode> volumes, FieldPath path, boolean resourceIsPod) {
    List<FieldError> errs = new ArrayList<>();
    Map<String, ObjectNode> valid = new LinkedHashMap<>();
    for (int i = 0; i < volumes.size(); i++) {
      ObjectNode volume = volumes.get(i);
      FieldPath idx = path.index(i);
      String name = Nodes.string(volume, "name");
      List<FieldError> el = new ArrayList<>(validateSource(volume, idx, resourceIsPod));
      if (name.isEmpty()) {
        el.add(FieldError.required(idx.child("name").text(), ""));
      } else {
        el.addAll(CommonRules.dnsLabel(name, idx.child("name")));
      }
      if (valid.containsKey(name)) {
        el.add(FieldError.duplicate(idx.child("name").text(), name));
      }
      if (el.isEmpty()) {
        valid.put(name, volume);
      } else {
        errs.addAll(el);
      }
    }
    return new Result(valid, errs);
  }

  private static List<FieldError> validateSource(ObjectNode volume, FieldPath path,
      boolean resourceIsPod) {
    List<FieldError> errs = new ArrayList<>();
    int count = 0;
    for (String[] source : SOURCE_ORDER) {
      if (!Nodes.has(volume, source[0])) {
        continue;
      }
      if (count > 0) {
        errs.add(FieldError.forbidden(path.child(source[1]).text(),
            "may not specify more than 1 volume type"));
        continue;
      }
      count++;
      ObjectNode body = Nodes.objectOrEmpty(volume, source[0]);
      errs.addAll(validateOne(source[0], body, path.child(source[0]), resourceIsPod));
    }
    if (count == 0) {
      errs.add(FieldError.required(path.text(), "must specify a volume type"));
    }
    return errs;
  }

  private static List<FieldError> validateOne(String source, ObjectNode body, FieldPath path,
      boolean resourceIsPod) {
    List<FieldError> errs = new ArrayList<>();
    switch (source) {
      case "emptyDir" -> Nodes.optString(body, "sizeLimit").flatMap(Quantity::parse)
          .filter(q -> q.value().signum() < 0)
          .ifPresent(q -> errs.add(FieldError.forbidden(path.child("sizeLimit").text(),
              "SizeLimit field must be a valid resource quantity")));
      case "hostPath" -> {
        String hostPath = Nodes.string(body, "path");
        if (hostPath.isEmpty()) {
          errs.add(FieldError.required(path.child("path").text(), ""));
          break;
        }
        errs.addAll(Paths.noBacksteps(hostPath, path.child("path")));
        Nodes.optString(body, "type").filter(t -> !HOST_PATH_TYPES.contains(t)).ifPresent(t ->
            errs.add(FieldError.notSupported(path.child("type").text(), t, HOST_PATH_TYPES)));
      }
      case "gitRepo" -> {
        requireString(body, "repository", path, errs);
        errs.addAll(Paths.localDescending(Nodes.string(body, "directory"),
            path.child("directory")));
      }
      case "secret" -> {
        requireString(body, "secretName", path, errs);
        errs.addAll(Paths.fileMode(mode(body, "defaultMode"), path.child("defaultMode")));
        errs.addAll(keyToPaths(body, path.child("items")));
      }
      case "configMap" -> {
        requireString(body, "name", path, errs);
        errs.addAll(Paths.fileMode(mode(body, "defaultMode"), path.child("defaultMode")));
        errs.addAll(keyToPaths(body, path.child("items")));
      }
      case "persistentVolumeClaim" -> requireString(body, "claimName", path, errs);
      case "nfs" -> {
        requireString(body, "server", path, errs);
        requireString(body, "path", path, errs);
        String nfsPath = Nodes.string(body, "path");
        if (!nfsPath.startsWith("/")) {
          errs.add(FieldError.invalid(path.child("path").text(), nfsPath,
              "must be an absolute path"));
        }
      }
      case "downwardAPI" -> {
        errs.addAll(Paths.fileMode(mode(body, "defaultMode"), path.child("defaultMode")));
        for (ObjectNode item : Nodes.objects(body, "items")) {
          errs.addAll(downwardApiFile(item, path));
        }
      }
      case "projected" -> errs.addAll(ProjectedVolumes.validate(body, path));
      case "csi" -> requireString(body, "driver", path, errs);
      case "ephemeral" -> {
        if (!Nodes.has(body, "volumeClaimTemplate")) {
          errs.add(FieldError.required(path.child("volumeClaimTemplate").text(), ""));
        }
      }
      case "image" -> {
        if (resourceIsPod) {
          requireString(body, "reference", path, errs);
        }
      }
      default -> { }
    }
    return errs;
  }

  static void requireString(JsonNode body, String field, FieldPath path, List<FieldError> errs) {
    if (Nodes.string(body, field).isEmpty()) {
      errs.add(FieldError.required(path.child(field).text(), ""));
    }
  }

  static Long mode(JsonNode body, String field) {
    OptionalLong value = Nodes.optInteger(body, field);
    return value.isPresent() ? value.getAsLong() : null;
  }

  /** {@code validateKeyToPath} for every item. */
  static List<FieldError> keyToPaths(JsonNode body, FieldPath itemsPath) {
    List<FieldError> errs = new ArrayList<>();
    List<ObjectNode> items = Nodes.objects(body, "items");
    for (int i = 0; i < items.size(); i++) {
      ObjectNode item = items.get(i);
      FieldPath p = itemsPath.index(i);
      requireString(item, "key", p, errs);
      requireString(item, "path", p, errs);
      errs.addAll(Paths.localNonReserved(Nodes.string(item, "path"), p.child("path")));
      errs.addAll(Paths.fileMode(mode(item, "mode"), p.child("mode")));
    }
    return errs;
  }

  /** {@code validateDownwardAPIVolumeFile}; errors sit on the volume's path, as upstream. */
  static List<FieldError> downwardApiFile(ObjectNode file, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    requireString(file, "path", path, errs);
    errs.addAll(Paths.localNonReserved(Nodes.string(file, "path"), path.child("path")));
    boolean fieldRef = Nodes.has(file, "fieldRef");
    boolean resourceRef = Nodes.has(file, "resourceFieldRef");
    if (fieldRef) {
      errs.addAll(EnvValidator.objectFieldSelector(Nodes.objectOrEmpty(file, "fieldRef"),
          VOLUME_FIELD_PATHS, path.child("fieldRef")));
      if (resourceRef) {
        errs.add(FieldError.invalid(path.text(), "resource",
            "fieldRef and resourceFieldRef can not be specified simultaneously"));
      }
    } else if (resourceRef) {
      errs.addAll(EnvValidator.resourceFieldSelector(Nodes.objectOrEmpty(file,
          "resourceFieldRef"), path.child("resourceFieldRef"), true));
    } else {
      errs.add(FieldError.required(path.text(), "one of fieldRef and resourceFieldRef is required"));
    }
    errs.addAll(Paths.fileMode(mode(file, "mode"), path.child("mode")));
    return errs;
  }

  /** Names of valid volumes that may back a block device (PVC or ephemeral). */
  static Set<String> blockCapable(Map<String, ObjectNode> volumes) {
    Set<String> out = new HashSet<>();
    volumes.forEach((name, v) -> {
      if (Nodes.has(v, "persistentVolumeClaim") || Nodes.has(v, "ephemeral")) {
        out.add(name);
      }
    });
    return out;
  }
}
