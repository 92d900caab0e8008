package io.capstan.apiserver.resources.pod;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.CommonRules;
import io.capstan.apiserver.resources.validation.IpAddresses;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code ValidatePodStatusUpdate}: what a status writer (the node agent) may not do. */
public final class PodStatusValidator {

  private static final Set<String> SYSTEM_CONDITIONS = Set.of("PodScheduled", "Ready",
      "Initialized");
  private static final FieldPath STATUS = FieldPath.of("status");

  private PodStatusValidator() {}

  public static List<FieldError> validate(JsonNode pod, JsonNode old) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode status = Nodes.objectOrEmpty(pod, "status");
    JsonNode oldStatus = Nodes.objectOrEmpty(old, "status");
    List<ObjectNode> conditions = Nodes.objects(status, "conditions");
    for (int i = 0; i < conditions.size(); i++) {
      String type = Nodes.string(conditions.get(i), "type");
      if (!SYSTEM_CONDITIONS.contains(type)) {
        // Upstream reports these under metadata; kept for identical field paths.
        errs.addAll(CommonRules.qualifiedName(type,
            FieldPath.of("metadata", "conditions").index(i).child("Type")));
      }
    }
    String nominated = Nodes.string(status, "nominatedNodeName");
    if (!nominated.isEmpty() && !nominated.equals(Nodes.string(oldStatus, "nominatedNodeName"))) {
      errs.addAll(CommonRules.dnsSubdomain(nominated, STATUS.child("nominatedNodeName")));
    }
    errs.addAll(CommonRules.immutable(status.get("qosClass"), oldStatus.get("qosClass"),
        STATUS.child("qosClass")));
    JsonNode oldSpec = Nodes.objectOrEmpty(old, "spec");
    String restartPolicy = Nodes.string(oldSpec, "restartPolicy");
    errs.addAll(stateTransitions(status, oldStatus, "containerStatuses", restartPolicy, Set.of()));
    Set<String> restartableInits = new HashSet<>();
    for (ObjectNode c : Nodes.objects(oldSpec, "initContainers")) {
      if (Nodes.string(c, "restartPolicy").equals("Always")) {
        restartableInits.add(Nodes.string(c, "name"));
      }
    }
    errs.addAll(stateTransitions(status, oldStatus, "initContainerStatuses", restartPolicy,
        restartableInits));
    errs.addAll(stateTransitions(status, oldStatus, "ephemeralContainerStatuses", "Never",
        Set.of()));
    errs.addAll(ips(status, "podIPs"));
    List<ObjectNode> hostIps = Nodes.objects(status, "hostIPs");
    if (!hostIps.isEmpty() && !Nodes.string(status, "hostIP")
        .equals(Nodes.string(hostIps.getFirst(), "ip"))) {
      errs.add(FieldError.invalid(STATUS.child("hostIPs").index(0).child("ip").text(),
          Nodes.string(hostIps.getFirst(), "ip"), "must be equal to `hostIP`"));
    }
    errs.addAll(ips(status, "hostIPs"));
    return errs;
  }

  private static List<FieldError> stateTransitions(JsonNode status, JsonNode oldStatus,
      String field, String restartPolicy, Set<String> restartable) {
    List<FieldError> errs = new ArrayList<>();
    if (restartPolicy.equals("Always")) {
      return errs;
    }
    List<ObjectNode> before = Nodes.objects(oldStatus, field);
    List<ObjectNode> now = Nodes.objects(status, field);
    for (int i = 0; i < before.size(); i++) {
      ObjectNode oldOne = before.get(i);
      JsonNode terminated = Nodes.at(oldOne, "state", "terminated").orElse(null);
      if (terminated == null) {
        continue;
      }
      String name = Nodes.string(oldOne, "name");
      if (Nodes.integer(terminated, "exitCode") != 0 && restartPolicy.equals("OnFailure")
          || restartable.contains(name)) {
        continue;
      }
      for (ObjectNode newOne : now) {
        if (name.equals(Nodes.string(newOne, "name"))
            && Nodes.at(newOne, "state", "terminated").isEmpty()) {
          errs.add(FieldError.forbidden(STATUS.child(field).index(i).child("state").text(),
              "may not be transitioned to non-terminated state"));
        }
      }
    }
    return errs;
  }

  private static List<FieldError> ips(JsonNode status, String field) {
    List<FieldError> errs = new ArrayList<>();
    FieldPath path = STATUS.child(field);
    List<ObjectNode> entries = Nodes.objects(status, field);
    List<String> ips = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String ip = Nodes.string(entries.get(i), "ip");
      ips.add(ip);
      errs.addAll(IpAddresses.validateIp(path.index(i), ip));
    }
    if (ips.size() > 1) {
      if (!IpAddresses.isDualStack(ips) || ips.size() > 2) {
        errs.add(FieldError.invalid(path.text(), ips.toString(),
            "may specify no more than one IP for each IP family"));
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < ips.size(); i++) {
        if (!seen.add(ips.get(i))) {
          errs.add(FieldError.duplicate(path.index(i).text(), entries.get(i)));
        }
      }
    }
    return errs;
  }
}
