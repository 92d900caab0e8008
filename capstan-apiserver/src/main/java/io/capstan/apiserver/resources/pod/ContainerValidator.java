package io.capstan.apiserver.resources.pod;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.CommonRules;
import io.capstan.apiserver.resources.validation.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Validation of regular and init containers ({@code validateContainers} and friends). */
final class ContainerValidator {

  private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
  private static final String INIT_ONLY = "may not be set for init containers without"
      + " restartPolicy=Always";

  /** What container checks need to know about the rest of the pod spec. */
  record Context(Map<String, ObjectNode> volumes, Set<String> podClaims, Long gracePeriod,
      String restartPolicy, boolean hostUsers) {}

  private ContainerValidator() {}

  static List<FieldError> containers(List<ObjectNode> containers, Context ctx, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (containers.isEmpty()) {
      errs.add(FieldError.required(path.text(), ""));
      return errs;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < containers.size(); i++) {
      ObjectNode c = containers.get(i);
      FieldPath p = path.index(i);
      errs.addAll(common(c, ctx, p));
      String name = Nodes.string(c, "name");
      if (!names.add(name)) {
        errs.add(FieldError.duplicate(p.child("name").text(), name));
      }
      errs.addAll(ProbeValidator.lifecycle(c, ctx.gracePeriod(), p.child("lifecycle")));
      errs.addAll(probes(c, ctx, p));
      if (Nodes.has(c, "restartPolicy")) {
        errs.add(FieldError.forbidden(p.child("restartPolicy").text(),
            "may not be set for non-init containers"));
      }
    }
    errs.addAll(hostPortConflicts(containers, path));
    return errs;
  }

  static List<FieldError> initContainers(List<ObjectNode> inits, List<ObjectNode> regular,
      Context ctx, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    regular.forEach(c -> names.add(Nodes.string(c, "name")));
    for (int i = 0; i < inits.size(); i++) {
      ObjectNode c = inits.get(i);
      FieldPath p = path.index(i);
      errs.addAll(common(c, ctx, p));
      boolean restartAlways = false;
      if (Nodes.has(c, "restartPolicy")) {
        String policy = Nodes.string(c, "restartPolicy");
        if (!policy.equals("Always")) {
          errs.add(FieldError.notSupported(p.child("restartPolicy").text(), policy,
              List.of("Always")));
        }
        restartAlways = policy.equals("Always");
      }
      String name = Nodes.string(c, "name");
      if (names.contains(name)) {
        errs.add(FieldError.duplicate(p.child("name").text(), name));
      } else if (!name.isEmpty()) {
        names.add(name);
      }
      errs.addAll(hostPortConflicts(List.of(c), path));
      if (restartAlways) {
        errs.addAll(ProbeValidator.lifecycle(c, ctx.gracePeriod(), p.child("lifecycle")));
        errs.addAll(probes(c, ctx, p));
      } else {
        for (String field : new String[] {"lifecycle", "livenessProbe", "readinessProbe",
            "startupProbe"}) {
          if (Nodes.has(c, field)) {
            errs.add(FieldError.forbidden(p.child(field).text(), INIT_ONLY));
          }
        }
      }
      if (!Nodes.list(c, "resizePolicy").isEmpty()) {
        errs.add(FieldError.invalid(p.child("resizePolicy").text(), c.get("resizePolicy"),
            "must not be set for init containers"));
      }
    }
    return errs;
  }

  private static List<FieldError> probes(ObjectNode c, Context ctx, FieldPath p) {
    List<FieldError> errs = new ArrayList<>();
    errs.addAll(ProbeValidator.liveness(c, "livenessProbe", ctx.gracePeriod(),
        p.child("livenessProbe")));
    errs.addAll(ProbeValidator.readiness(c, ctx.gracePeriod(), p.child("readinessProbe")));
    errs.addAll(ProbeValidator.liveness(c, "startupProbe", ctx.gracePeriod(),
        p.child("startupProbe")));
    return errs;
  }

  /** {@code validateContainerCommon}: what every kind of container must satisfy. */
  static List<FieldError> common(ObjectNode c, Context ctx, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    String name = Nodes.string(c, "name");
    if (name.isEmpty()) {
      errs.add(FieldError.required(path.child("name").text(), ""));
    } else {
      errs.addAll(CommonRules.dnsLabel(name, path.child("name")));
    }
    if (Nodes.string(c, "image").isEmpty()) {
      errs.add(FieldError.required(path.child("image").text(), ""));
    }
    errs.addAll(CommonRules.oneOf(Nodes.string(c, "terminationMessagePolicy"),
        path.child("terminationMessagePolicy"), List.of("File", "FallbackToLogsOnError"), true));
    errs.addAll(ports(Nodes.objects(c, "ports"), path.child("ports")));
    errs.addAll(EnvValidator.validateEnv(Nodes.objects(c, "env"), path.child("env")));
    errs.addAll(EnvValidator.validateEnvFrom(Nodes.objects(c, "envFrom"), path.child("envFrom")));
    errs.addAll(MountValidator.volumeMounts(c, ctx.volumes(), path.child("volumeMounts")));
    errs.addAll(MountValidator.volumeDevices(c, ctx.volumes(), path.child("volumeDevices")));
    errs.addAll(CommonRules.oneOf(Nodes.string(c, "imagePullPolicy"),
        path.child("imagePullPolicy"), PULL_POLICIES, true));
    errs.addAll(ResourceValidator.validate(c, ctx.podClaims(), path.child("resources")));
    errs.addAll(resizePolicy(c, ctx.restartPolicy(), path.child("resizePolicy")));
    errs.addAll(SecurityContextValidator.container(c, ctx.hostUsers(),
        path.child("securityContext")));
    return errs;
  }

  private static List<FieldError> ports(List<ObjectNode> ports, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      ObjectNode port = ports.get(i);
      FieldPath p = path.index(i);
      String name = Nodes.string(port, "name");
      if (!name.isEmpty()) {
        List<String> msgs = Names.portName(name);
        if (!msgs.isEmpty()) {
          msgs.forEach(m -> errs.add(FieldError.invalid(p.child("name").text(), name, m)));
        } else if (!names.add(name)) {
          errs.add(FieldError.duplicate(p.child("name").text(), name));
        }
      }
      long containerPort = Nodes.integer(port, "containerPort");
      if (containerPort == 0) {
        errs.add(FieldError.required(p.child("containerPort").text(), ""));
      } else {
        Names.portNumber(containerPort).forEach(m ->
            errs.add(FieldError.invalid(p.child("containerPort").text(), containerPort, m)));
      }
      long hostPort = Nodes.integer(port, "hostPort");
      if (hostPort != 0) {
        Names.portNumber(hostPort).forEach(m ->
            errs.add(FieldError.invalid(p.child("hostPort").text(), hostPort, m)));
      }
      errs.addAll(CommonRules.oneOf(Nodes.string(port, "protocol"), p.child("protocol"),
          PROTOCOLS, true));
    }
    return errs;
  }

  /** Host ports must be unique per protocol and host IP across the given containers. */
  private static List<FieldError> hostPortConflicts(List<ObjectNode> containers, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int ci = 0; ci < containers.size(); ci++) {
      List<ObjectNode> ports = Nodes.objects(containers.get(ci), "ports");
      for (int pi = 0; pi < ports.size(); pi++) {
        long hostPort = Nodes.integer(ports.get(pi), "hostPort");
        if (hostPort == 0) {
          continue;
        }
        String key = Nodes.string(ports.get(pi), "protocol") + "/"
            + Nodes.string(ports.get(pi), "hostIP") + "/" + hostPort;
        if (!seen.add(key)) {
          errs.add(FieldError.duplicate(path.index(ci).child("ports").index(pi)
              .child("hostPort").text(), key));
        }
      }
    }
    return errs;
  }

  private static List<FieldError> resizePolicy(ObjectNode c, String podRestartPolicy,
      FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<ObjectNode> policies = Nodes.objects(c, "resizePolicy");
    for (int i = 0; i < policies.size(); i++) {
      String resource = Nodes.string(policies.get(i), "resourceName");
      String restart = Nodes.string(policies.get(i), "restartPolicy");
      if (!seen.add(resource)) {
        errs.add(FieldError.duplicate(path.index(i).text(), resource));
      }
      errs.addAll(CommonRules.oneOf(resource, path, List.of("cpu", "memory"), true));
      errs.addAll(CommonRules.oneOf(restart, path, List.of("NotRequired", "RestartContainer"),
          true));
      if (podRestartPolicy.equals("Never") && !restart.equals("NotRequired")) {
        errs.add(FieldError.invalid(path.text(), restart,
            "must be 'NotRequired' when `restartPolicy` is 'Never'"));
      }
    }
    return errs;
  }

  /** The image rules checked again when a pod's images change. */
  static List<FieldError> imageWhitespace(JsonNode c, FieldPath path) {
    String image = Nodes.string(c, "image");
    if (!image.equals(image.strip())) {
      return List.of(FieldError.invalid(path.child("image").text(), image,
          "must not have leading or trailing whitespace"));
    }
    return List.of();
  }
}
