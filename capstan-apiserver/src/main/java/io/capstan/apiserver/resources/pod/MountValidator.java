package io.capstan.apiserver.resources.pod;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Nodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Validation of {@code volumeMounts} and {@code volumeDevices} against the pod's volumes. */
final class MountValidator {

  private static final List<String> PROPAGATIONS =
      List.of("Bidirectional", "HostToContainer", "None");
  private static final List<String> RECURSIVE_READ_ONLY = List.of("Disabled", "Enabled",
      "IfPossible");

  private MountValidator() {}

  static List<FieldError> volumeMounts(JsonNode container, Map<String, ObjectNode> volumes,
      FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Map<String, String> devices = devicePaths(container);
    Set<String> mountPoints = new HashSet<>();
    List<ObjectNode> mounts = Nodes.objects(container, "volumeMounts");
    for (int i = 0; i < mounts.size(); i++) {
      ObjectNode mount = mounts.get(i);
      FieldPath p = path.index(i);
      String name = Nodes.string(mount, "name");
      String mountPath = Nodes.string(mount, "mountPath");
      if (name.isEmpty()) {
        errs.add(FieldError.required(p.child("name").text(), ""));
      }
      if (!volumes.containsKey(name)) {
        errs.add(FieldError.notFound(p.child("name").text(), name));
      }
      if (mountPath.isEmpty()) {
        errs.add(FieldError.required(p.child("mountPath").text(), ""));
      }
      if (!mountPoints.add(mountPath)) {
        errs.add(FieldError.invalid(p.child("mountPath").text(), mountPath, "must be unique"));
      }
      if (devices.containsKey(name)) {
        errs.add(FieldError.invalid(p.child("name").text(), name,
            "must not already exist in volumeDevices"));
      }
      if (devices.containsValue(mountPath)) {
        errs.add(FieldError.invalid(p.child("mountPath").text(), mountPath,
            "must not already exist as a path in volumeDevices"));
      }
      String subPath = Nodes.string(mount, "subPath");
      String subPathExpr = Nodes.string(mount, "subPathExpr");
      if (volumes.containsKey(name) && Nodes.has(volumes.get(name), "image")) {
        if (!subPath.isEmpty()) {
          errs.add(FieldError.invalid(p.child("subPath").text(), subPath,
              "not allowed in image volume sources"));
        }
        if (!subPathExpr.isEmpty()) {
          errs.add(FieldError.invalid(p.child("subPathExpr").text(), subPathExpr,
              "not allowed in image volume sources"));
        }
      }
      if (!subPath.isEmpty()) {
        errs.addAll(Paths.localDescending(subPath, path.child("subPath")));
      }
      if (!subPathExpr.isEmpty()) {
        if (!subPath.isEmpty()) {
          errs.add(FieldError.invalid(p.child("subPathExpr").text(), subPathExpr,
              "subPathExpr and subPath are mutually exclusive"));
        }
        errs.addAll(Paths.localDescending(subPathExpr, path.child("subPathExpr")));
      }
      errs.addAll(propagation(mount, container, path.child("mountPropagation")));
      errs.addAll(recursiveReadOnly(mount, path.child("recursiveReadOnly")));
    }
    return errs;
  }

  private static List<FieldError> propagation(ObjectNode mount, JsonNode container,
      FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (!Nodes.has(mount, "mountPropagation")) {
      return errs;
    }
    String mode = Nodes.string(mount, "mountPropagation");
    if (!PROPAGATIONS.contains(mode)) {
      errs.add(FieldError.notSupported(path.text(), mode, PROPAGATIONS));
    }
    boolean privileged = Nodes.bool(Nodes.objectOrEmpty(container, "securityContext"),
        "privileged");
    if (mode.equals("Bidirectional") && !privileged) {
      errs.add(FieldError.forbidden(path.text(),
          "Bidirectional mount propagation is available only to privileged containers"));
    }
    return errs;
  }

  private static List<FieldError> recursiveReadOnly(ObjectNode mount, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (!Nodes.has(mount, "recursiveReadOnly")) {
      return errs;
    }
    String mode = Nodes.string(mount, "recursiveReadOnly");
    switch (mode) {
      case "Disabled" -> { }
      case "Enabled", "IfPossible" -> {
        if (!Nodes.bool(mount, "readOnly")) {
          errs.add(FieldError.forbidden(path.text(), "may only be specified when readOnly is true"));
        }
        String propagation = Nodes.string(mount, "mountPropagation");
        if (!propagation.isEmpty() && !propagation.equals("None")) {
          errs.add(FieldError.forbidden(path.text(),
              "may only be specified when mountPropagation is None or not specified"));
        }
      }
      default -> errs.add(FieldError.notSupported(path.text(), mode, RECURSIVE_READ_ONLY));
    }
    return errs;
  }

  static List<FieldError> volumeDevices(JsonNode container, Map<String, ObjectNode> volumes,
      FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Map<String, String> mounts = new HashMap<>();
    for (ObjectNode m : Nodes.objects(container, "volumeMounts")) {
      mounts.put(Nodes.string(m, "name"), Nodes.string(m, "mountPath"));
    }
    Set<String> blockCapable = VolumeValidator.blockCapable(volumes);
    Set<String> paths = new HashSet<>();
    Set<String> names = new HashSet<>();
    List<ObjectNode> devices = Nodes.objects(container, "volumeDevices");
    for (int i = 0; i < devices.size(); i++) {
      FieldPath p = path.index(i);
      String name = Nodes.string(devices.get(i), "name");
      String devicePath = Nodes.string(devices.get(i), "devicePath");
      if (name.isEmpty()) {
        errs.add(FieldError.required(p.child("name").text(), ""));
      }
      if (names.contains(name)) {
        errs.add(FieldError.invalid(p.child("name").text(), name, "must be unique"));
      }
      if (volumes.containsKey(name) && !blockCapable.contains(name)) {
        errs.add(FieldError.invalid(p.child("name").text(), name, "can only use volume source"
            + " type of PersistentVolumeClaim or Ephemeral for block mode"));
      }
      if (!volumes.containsKey(name)) {
        errs.add(FieldError.notFound(p.child("name").text(), name));
      }
      if (devicePath.isEmpty()) {
        errs.add(FieldError.required(p.child("devicePath").text(), ""));
      }
      if (paths.contains(devicePath)) {
        errs.add(FieldError.invalid(p.child("devicePath").text(), devicePath, "must be unique"));
      }
      if (!devicePath.isEmpty() && !Paths.noBacksteps(devicePath, p).isEmpty()) {
        errs.add(FieldError.invalid(p.child("devicePath").text(), devicePath,
            "can not contain backsteps ('..')"));
      } else {
        paths.add(devicePath);
      }
      if (mounts.containsKey(name)) {
        errs.add(FieldError.invalid(p.child("name").text(), name,
            "must not already exist in volumeMounts"));
      }
      if (mounts.containsValue(devicePath)) {
        errs.add(FieldError.invalid(p.child("devicePath").text(), devicePath,
            "must not already exist as a path in volumeMounts"));
      }
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return errs;
  }

  private static Map<String, String> devicePaths(JsonNode container) {
    Map<String, String> out = new HashMap<>();
    for (ObjectNode d : Nodes.objects(container, "volumeDevices")) {
      out.put(Nodes.string(d, "name"), Nodes.string(d, "devicePath"));
    }
    return out;
  }
}
