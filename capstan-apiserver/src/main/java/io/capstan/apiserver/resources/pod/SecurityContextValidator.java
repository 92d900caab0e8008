package io.capstan.apiserver.resources.pod;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Validation of pod and container security contexts. */
final class SecurityContextValidator {

  private static final Pattern SYSCTL = Pattern.compile(
      "([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?");

  private SecurityContextValidator() {}

  /** The pod-level context; {@code hostPID} is read from the v1 spec where it lives. */
  static List<FieldError> pod(JsonNode spec, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Optional<ObjectNode> found = Nodes.object(spec, "securityContext");
    if (found.isEmpty()) {
      return errs;
    }
    ObjectNode sc = found.get();
    ids(sc, "fsGroup", path, errs);
    ids(sc, "runAsUser", path, errs);
    ids(sc, "runAsGroup", path, errs);
    List<JsonNode> groups = Nodes.list(sc, "supplementalGroups");
    for (int i = 0; i < groups.size(); i++) {
      long gid = groups.get(i).asLong();
      for (String msg : Names.userId(gid)) {
        errs.add(FieldError.invalid(path.child("supplementalGroups").index(i).text(), gid, msg));
      }
    }
    if (Nodes.bool(spec, "shareProcessNamespace") && Nodes.bool(spec, "hostPID")) {
      errs.add(FieldError.invalid(path.child("shareProcessNamespace").text(), true,
          "ShareProcessNamespace and HostPID cannot both be enabled"));
    }
    errs.addAll(sysctls(sc, spec, path.child("sysctls")));
    Nodes.optString(sc, "fsGroupChangePolicy")
        .filter(p -> !p.equals("OnRootMismatch") && !p.equals("Always"))
        .ifPresent(p -> errs.add(FieldError.notSupported(path.child("fsGroupChangePolicy").text(),
            p, List.of("Always", "OnRootMismatch"))));
    errs.addAll(seccomp(sc, path.child("seccompProfile")));
    errs.addAll(appArmor(sc, path.child("appArmorProfile")));
    Nodes.optString(sc, "supplementalGroupsPolicy")
        .filter(p -> !p.equals("Merge") && !p.equals("Strict"))
        .ifPresent(p -> errs.add(FieldError.notSupported(
            path.child("supplementalGroupsPolicy").text(), p, List.of("Merge", "Strict"))));
    Nodes.optString(sc, "seLinuxChangePolicy")
        .filter(p -> !p.equals("Recursive") && !p.equals("MountOption"))
        .ifPresent(p -> errs.add(FieldError.notSupported(path.child("seLinuxChangePolicy").text(),
            p, List.of("MountOption", "Recursive"))));
    return errs;
  }

  /** A container's context ({@code ValidateSecurityContext}). */
  static List<FieldError> container(JsonNode container, boolean hostUsers, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Optional<ObjectNode> found = Nodes.object(container, "securityContext");
    if (found.isEmpty()) {
      return errs;
    }
    ObjectNode sc = found.get();
    ids(sc, "runAsUser", path, errs);
    ids(sc, "runAsGroup", path, errs);
    Nodes.optString(sc, "procMount").ifPresent(mount -> {
      if (!mount.equals("Default") && !mount.equals("Unmasked")) {
        errs.add(FieldError.notSupported(path.child("procMount").text(), mount,
            List.of("Default", "Unmasked")));
      }
      if (hostUsers && mount.equals("Unmasked")) {
        errs.add(FieldError.invalid(path.child("procMount").text(), mount,
            "`hostUsers` must be false to use `Unmasked`"));
      }
    });
    errs.addAll(seccomp(sc, path.child("seccompProfile")));
    if (Nodes.has(sc, "allowPrivilegeEscalation") && !Nodes.bool(sc, "allowPrivilegeEscalation")) {
      if (Nodes.bool(sc, "privileged")) {
        errs.add(FieldError.invalid(path.text(), sc,
            "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"));
      }
      for (String cap : Nodes.strings(Nodes.objectOrEmpty(sc, "capabilities"), "add")) {
        if (cap.equals("CAP_SYS_ADMIN")) {
          errs.add(FieldError.invalid(path.text(), sc, "cannot set `allowPrivilegeEscalation` to"
              + " false and `capabilities.Add` CAP_SYS_ADMIN"));
        }
      }
    }
    errs.addAll(appArmor(sc, path.child("appArmorProfile")));
    return errs;
  }

  private static void ids(ObjectNode sc, String field, FieldPath path, List<FieldError> errs) {
    Nodes.optInteger(sc, field).ifPresent(id -> {
      for (String msg : Names.userId(id)) {
        errs.add(FieldError.invalid(path.child(field).text(), id, msg));
      }
    });
  }

  private static List<FieldError> sysctls(ObjectNode sc, JsonNode spec, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<ObjectNode> sysctls = Nodes.objects(sc, "sysctls");
    for (int i = 0; i < sysctls.size(); i++) {
      String name = Nodes.string(sysctls.get(i), "name");
      FieldPath p = path.index(i).child("name");
      if (name.isEmpty()) {
        errs.add(FieldError.required(p.text(), ""));
      } else if (name.length() > 253 || !SYSCTL.matcher(name).matches()) {
        errs.add(FieldError.invalid(p.text(), name, "must have at most 253 characters and match"
            + " regex ^" + SYSCTL.pattern() + "$"));
      } else if (names.contains(name)) {
        errs.add(FieldError.duplicate(p.text(), name));
      }
      String normalized = name.replace('/', '.');
      if (Nodes.bool(spec, "hostNetwork") && normalized.startsWith("net.")) {
        errs.add(FieldError.invalid(p.text(), name,
            "may not be specified when 'hostNetwork' is true"));
      } else if (Nodes.bool(spec, "hostIPC")
          && (normalized.startsWith("kernel.shm") || normalized.startsWith("kernel.msg")
          || normalized.equals("kernel.sem") || normalized.startsWith("fs.mqueue."))) {
        errs.add(FieldError.invalid(p.text(), name, "may not be specified when 'hostIPC' is true"));
      }
      names.add(name);
    }
    return errs;
  }

  private static List<FieldError> seccomp(ObjectNode sc, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Optional<ObjectNode> profile = Nodes.object(sc, "seccompProfile");
    if (profile.isEmpty()) {
      return errs;
    }
    String type = Nodes.string(profile.get(), "type");
    List<String> types = List.of("Localhost", "RuntimeDefault", "Unconfined");
    if (type.isEmpty()) {
      errs.add(FieldError.required(path.child("type").text(),
          "type is required when seccompProfile is set"));
    } else if (!types.contains(type)) {
      errs.add(FieldError.notSupported(path.child("type").text(), type, types));
    }
    Optional<String> localhost = Nodes.optString(profile.get(), "localhostProfile");
    if (type.equals("Localhost")) {
      if (localhost.isEmpty()) {
        errs.add(FieldError.required(path.child("localhostProfile").text(),
            "must be set when seccomp type is Localhost"));
      } else {
        errs.addAll(Paths.localDescending(localhost.get(), path.child("localhostProfile")));
      }
    } else if (localhost.isPresent()) {
      errs.add(FieldError.invalid(path.child("localhostProfile").text(), profile.get(),
          "can only be set when seccomp type is Localhost"));
    }
    return errs;
  }

  private static List<FieldError> appArmor(ObjectNode sc, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Optional<ObjectNode> profile = Nodes.object(sc, "appArmorProfile");
    if (profile.isEmpty()) {
      return errs;
    }
    String type = Nodes.string(profile.get(), "type");
    Optional<String> localhost = Nodes.optString(profile.get(), "localhostProfile");
    switch (type) {
      case "Localhost" -> {
        if (localhost.isEmpty() || localhost.get().isBlank()) {
          errs.add(FieldError.required(path.child("localhostProfile").text(),
              "must be set when AppArmor type is Localhost"));
        } else if (!localhost.get().strip().equals(localhost.get())) {
          errs.add(FieldError.invalid(path.child("localhostProfile").text(), localhost.get(),
              "must not be padded with whitespace"));
        }
      }
      case "RuntimeDefault", "Unconfined" -> localhost.ifPresent(l -> errs.add(FieldError.invalid(
          path.child("localhostProfile").text(), l,
          "can only be set when AppArmor type is Localhost")));
      case "" -> errs.add(FieldError.required(path.child("type").text(),
          "type is required when appArmorProfile is set"));
      default -> errs.add(FieldError.notSupported(path.child("type").text(), type,
          List.of("Localhost", "RuntimeDefault", "Unconfined")));
    }
    return errs;
  }
}
