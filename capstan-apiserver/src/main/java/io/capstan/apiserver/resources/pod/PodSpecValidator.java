package io.capstan.apiserver.resources.pod;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.CommonRules;
import io.capstan.apiserver.resources.validation.LabelRules;
import io.capstan.apiserver.resources.validation.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ValidatePodSpec}: the rules for a pod spec wherever it appears. {@code resourceIsPod}
 * tightens the few rules that differ between a Pod and a template (host ports under host
 * networking, image volume references).
 */
public final class PodSpecValidator {

  static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");

  private PodSpecValidator() {}

  public static List<FieldError> validate(JsonNode spec, FieldPath path, boolean resourceIsPod) {
    List<FieldError> errs = new ArrayList<>();
    OptionalLong graceValue = Nodes.optInteger(spec, "terminationGracePeriodSeconds");
    if (!Nodes.has(spec, "terminationGracePeriodSeconds")) {
      errs.add(FieldError.required(path.child("terminationGracePeriodSeconds").text(), ""));
    }
    Long grace = graceValue.isPresent() ? graceValue.getAsLong() : null;
    ObjectNode securityContext = Nodes.objectOrEmpty(spec, "securityContext");
    boolean hostUsers = !Nodes.has(securityContext, "hostUsers")
        || Nodes.bool(securityContext, "hostUsers");
    VolumeValidator.Result volumes = VolumeValidator.validate(Nodes.objects(spec, "volumes"),
        path.child("volumes"), resourceIsPod);
    errs.addAll(volumes.errors());
    Set<String> podClaims = new HashSet<>();
    errs.addAll(resourceClaims(Nodes.objects(spec, "resourceClaims"), podClaims,
        path.child("resourceClaims")));
    String restartPolicy = Nodes.string(spec, "restartPolicy");
    ContainerValidator.Context ctx = new ContainerValidator.Context(volumes.volumes(), podClaims,
        grace, restartPolicy, hostUsers);
    List<ObjectNode> containers = Nodes.objects(spec, "containers");
    errs.addAll(ContainerValidator.containers(containers, ctx, path.child("containers")));
    errs.addAll(ContainerValidator.initContainers(Nodes.objects(spec, "initContainers"),
        containers, ctx, path.child("initContainers")));
    errs.addAll(ephemeralContainers(spec, ctx, path.child("ephemeralContainers")));
    errs.addAll(hostNetworkPorts(spec, path, resourceIsPod));
    errs.addAll(CommonRules.oneOf(restartPolicy, path.child("restartPolicy"), RESTART_POLICIES,
        true));
    errs.addAll(CommonRules.oneOf(Nodes.string(spec, "dnsPolicy"), path.child("dnsPolicy"),
        DnsValidator.DNS_POLICIES, true));
    errs.addAll(LabelRules.validateLabels(Nodes.stringMap(spec, "nodeSelector"),
        path.child("nodeSelector")));
    errs.addAll(SecurityContextValidator.pod(spec, path.child("securityContext")));
    errs.addAll(imagePullSecrets(Nodes.objects(spec, "imagePullSecrets"),
        path.child("imagePullSecrets")));
    errs.addAll(SchedulingValidator.affinity(spec, path.child("affinity")));
    errs.addAll(DnsValidator.dnsConfig(spec, path.child("dnsConfig")));
    List<ObjectNode> gates = Nodes.objects(spec, "readinessGates");
    for (int i = 0; i < gates.size(); i++) {
      errs.addAll(CommonRules.qualifiedName(Nodes.string(gates.get(i), "conditionType"),
          path.child("readinessGates").index(i).child("conditionType")));
    }
    errs.addAll(SchedulingValidator.schedulingGates(Nodes.objects(spec, "schedulingGates"),
        path.child("schedulingGates")));
    errs.addAll(SchedulingValidator.topologySpread(Nodes.objects(spec,
        "topologySpreadConstraints"), path.child("topologySpreadConstraints")));
    if (!hostUsers) {
      for (String host : new String[] {"hostNetwork", "hostPID", "hostIPC"}) {
        if (Nodes.bool(spec, host)) {
          errs.add(FieldError.forbidden(path.child(host.equals("hostNetwork") ? host
              : host.replace("host", "Host")).text(), "when `pod.Spec.HostUsers` is false"));
        }
      }
    }
    errs.addAll(names(spec, path));
    Nodes.optInteger(spec, "activeDeadlineSeconds").ifPresent(value -> {
      if (value < 1 || value > Integer.MAX_VALUE) {
        errs.add(FieldError.invalid(path.child("activeDeadlineSeconds").text(), value,
            Names.inclusiveRangeError(1, Integer.MAX_VALUE)));
      }
    });
    errs.addAll(SchedulingValidator.tolerations(Nodes.objects(spec, "tolerations"),
        path.child("tolerations")));
    errs.addAll(DnsValidator.hostAliases(Nodes.objects(spec, "hostAliases"),
        path.child("hostAliases")));
    Nodes.optString(spec, "preemptionPolicy").ifPresent(policy -> errs.addAll(CommonRules.oneOf(
        policy, path.child("preemptionPolicy"), List.of("PreemptLowerPriority", "Never"), true)));
    errs.addAll(os(spec, path));
    return errs;
  }

  private static List<FieldError> names(JsonNode spec, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    for (String field : new String[] {"serviceAccountName", "nodeName", "priorityClassName"}) {
      String value = Nodes.string(spec, field);
      if (!value.isEmpty()) {
        errs.addAll(CommonRules.dnsSubdomain(value, path.child(field)));
      }
    }
    for (String field : new String[] {"hostname", "subdomain"}) {
      String value = Nodes.string(spec, field);
      if (!value.isEmpty()) {
        errs.addAll(CommonRules.dnsLabel(value, path.child(field)));
      }
    }
    Nodes.optString(spec, "runtimeClassName").ifPresent(name ->
        errs.addAll(CommonRules.dnsSubdomain(name, path.child("runtimeClassName"))));
    return errs;
  }

  private static List<FieldError> resourceClaims(List<ObjectNode> claims, Set<String> names,
      FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    for (int i = 0; i < claims.size(); i++) {
      ObjectNode claim = claims.get(i);
      FieldPath p = path.index(i);
      String name = Nodes.string(claim, "name");
      if (name.isEmpty()) {
        errs.add(FieldError.required(p.child("name").text(), ""));
      } else if (names.contains(name)) {
        errs.add(FieldError.duplicate(p.child("name").text(), name));
      } else {
        errs.addAll(CommonRules.dnsLabel(name, p.child("name")));
        names.add(name);
      }
      boolean byName = Nodes.has(claim, "resourceClaimName");
      boolean byTemplate = Nodes.has(claim, "resourceClaimTemplateName");
      if (byName && byTemplate) {
        errs.add(FieldError.invalid(p.text(), claim, "at most one of `resourceClaimName` or"
            + " `resourceClaimTemplateName` may be specified"));
      }
      if (!byName && !byTemplate) {
        errs.add(FieldError.invalid(p.text(), claim, "must specify one of:"
            + " `resourceClaimName`, `resourceClaimTemplateName`"));
      }
    }
    return errs;
  }

  private static List<FieldError> ephemeralContainers(JsonNode spec,
      ContainerValidator.Context ctx, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    List<ObjectNode> ephemeral = Nodes.objects(spec, "ephemeralContainers");
    Set<String> others = new HashSet<>();
    for (String list : new String[] {"containers", "initContainers"}) {
      Nodes.objects(spec, list).forEach(c -> others.add(Nodes.string(c, "name")));
    }
    Set<String> all = new HashSet<>(others);
    for (int i = 0; i < ephemeral.size(); i++) {
      ObjectNode c = ephemeral.get(i);
      FieldPath p = path.index(i);
      errs.addAll(ContainerValidator.common(c, ctx, p));
      errs.addAll(ContainerValidator.imageWhitespace(c, p));
      String name = Nodes.string(c, "name");
      if (!all.add(name)) {
        errs.add(FieldError.duplicate(p.child("name").text(), name));
      }
      String target = Nodes.string(c, "targetContainerName");
      if (!target.isEmpty() && !others.contains(target)) {
        errs.add(FieldError.notFound(p.child("targetContainerName").text(), target));
      }
      for (String field : new String[] {"ports", "resources", "lifecycle", "livenessProbe",
          "readinessProbe", "startupProbe", "resizePolicy", "restartPolicy"}) {
        if (!Nodes.isZero(c.get(field))) {
          errs.add(FieldError.forbidden(p.child(field).text(),
              "cannot be set for an Ephemeral Container"));
        }
      }
    }
    return errs;
  }

  private static List<FieldError> hostNetworkPorts(JsonNode spec, FieldPath path,
      boolean resourceIsPod) {
    List<FieldError> errs = new ArrayList<>();
    if (!Nodes.bool(spec, "hostNetwork")) {
      return errs;
    }
    List<ObjectNode> containers = Nodes.objects(spec, "containers");
    for (int i = 0; i < containers.size(); i++) {
      List<ObjectNode> ports = Nodes.objects(containers.get(i), "ports");
      for (int j = 0; j < ports.size(); j++) {
        long hostPort = Nodes.integer(ports.get(j), "hostPort");
        long containerPort = Nodes.integer(ports.get(j), "containerPort");
        if ((resourceIsPod || hostPort != 0) && hostPort != containerPort) {
          errs.add(FieldError.invalid(path.child("containers").index(i).child("ports").index(j)
              .child("hostPort").text(), hostPort,
              "must match `containerPort` when `hostNetwork` is true"));
        }
      }
    }
    return errs;
  }

  private static List<FieldError> imagePullSecrets(List<ObjectNode> secrets, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    for (int i = 0; i < secrets.size(); i++) {
      for (String field : secrets.get(i).propertyNames()) {
        if (!field.equals("name") && !Nodes.isZero(secrets.get(i).get(field))) {
          errs.add(FieldError.invalid(path.index(i).text(), secrets.get(i), "only name may be set"));
          break;
        }
      }
    }
    return errs;
  }

  private static List<FieldError> os(JsonNode spec, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (!Nodes.has(spec, "os")) {
      return errs;
    }
    String name = Nodes.string(Nodes.objectOrEmpty(spec, "os"), "name");
    if (name.isEmpty()) {
      errs.add(FieldError.required(path.child("os").child("name").text(), "cannot be empty"));
    } else if (!name.equals("linux") && !name.equals("windows")) {
      errs.add(FieldError.notSupported(path.child("os").text(), name, List.of("linux", "windows")));
    } else if (name.equals("linux")) {
      if (Nodes.has(Nodes.objectOrEmpty(spec, "securityContext"), "windowsOptions")) {
        errs.add(FieldError.forbidden(path.child("securityContext", "windowsOptions").text(),
            "windows options cannot be set for a linux pod"));
      }
    }
    return errs;
  }
}
