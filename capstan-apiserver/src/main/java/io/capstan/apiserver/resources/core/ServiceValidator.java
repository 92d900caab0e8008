package io.capstan.apiserver.resources.core;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.CommonRules;
import io.capstan.apiserver.resources.validation.IpAddresses;
import io.capstan.apiserver.resources.validation.LabelRules;
import io.capstan.apiserver.resources.validation.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ValidateService}. Node ports are checked for syntax only: allocating them (and the
 * health-check node port) from the configured range happens later in the Service storage.
 */
final class ServiceValidator {

  static final FieldPath SPEC = FieldPath.of("spec");
  private static final List<String> TYPES =
      List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
  private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  private static final String LB_ONLY = "may only be used when `type` is 'LoadBalancer'";

  private ServiceValidator() {}

  static List<FieldError> validate(JsonNode service) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = Nodes.objectOrEmpty(service, "spec");
    String type = Services.type(spec);
    boolean headless = Services.isHeadless(spec);
    List<ObjectNode> ports = Nodes.objects(spec, "ports");
    if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
      errs.add(FieldError.required(SPEC.child("ports").text(), ""));
    }
    List<String> clusterIps = Nodes.strings(spec, "clusterIPs");
    switch (type) {
      case "LoadBalancer", "NodePort" -> {
        if (headless) {
          errs.add(FieldError.invalid(SPEC.child("clusterIPs").index(0).text(), "None",
              "may not be set to 'None' for " + type + " services"));
        }
      }
      case "ExternalName" -> {
        if (!clusterIps.isEmpty()) {
          errs.add(FieldError.forbidden(SPEC.child("clusterIPs").text(),
              "may not be set for ExternalName services"));
        }
        if (!Nodes.list(spec, "ipFamilies").isEmpty()) {
          errs.add(FieldError.forbidden(SPEC.child("ipFamilies").text(),
              "may not be set for ExternalName services"));
        }
        if (Nodes.has(spec, "ipFamilyPolicy")) {
          errs.add(FieldError.forbidden(SPEC.child("ipFamilyPolicy").text(),
              "may not be set for ExternalName services"));
        }
        String cname = Nodes.string(spec, "externalName");
        if (cname.endsWith(".")) {
          cname = cname.substring(0, cname.length() - 1);
        }
        if (cname.isEmpty()) {
          errs.add(FieldError.required(SPEC.child("externalName").text(), ""));
        } else {
          errs.addAll(CommonRules.dnsSubdomain(cname, SPEC.child("externalName")));
        }
      }
      default -> { }
    }
    Set<String> portNames = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      errs.addAll(port(ports.get(i), ports.size() > 1, portNames, SPEC.child("ports").index(i)));
    }
    if (Nodes.has(spec, "selector")) {
      errs.addAll(LabelRules.validateLabels(Nodes.stringMap(spec, "selector"),
          SPEC.child("selector")));
    }
    errs.addAll(sessionAffinity(spec));
    errs.addAll(ServiceIpValidator.clusterIpFields(spec));
    List<String> externalIps = Nodes.strings(spec, "externalIPs");
    for (int i = 0; i < externalIps.size(); i++) {
      FieldPath p = SPEC.child("externalIPs").index(i);
      List<FieldError> ipErrs = IpAddresses.validateIp(p, externalIps.get(i));
      errs.addAll(ipErrs.isEmpty() ? IpAddresses.validateNonSpecial(p, externalIps.get(i))
          : ipErrs);
    }
    errs.addAll(CommonRules.oneOf(type, SPEC.child("type"), TYPES, true));
    errs.addAll(nodePorts(spec, ports, type));
    errs.addAll(duplicatePorts(ports));
    errs.addAll(loadBalancerFields(service, spec, type));
    errs.addAll(trafficPolicies(spec));
    return errs;
  }

  private static List<FieldError> port(ObjectNode port, boolean requireName, Set<String> names,
      FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    String name = Nodes.string(port, "name");
    if (requireName && name.isEmpty()) {
      errs.add(FieldError.required(path.child("name").text(), ""));
    } else if (!name.isEmpty()) {
      errs.addAll(CommonRules.dnsLabel(name, path.child("name")));
      if (!names.add(name)) {
        errs.add(FieldError.duplicate(path.child("name").text(), name));
      }
    }
    long number = Nodes.integer(port, "port");
    for (String msg : Names.portNumber(number)) {
      errs.add(FieldError.invalid(path.child("port").text(), number, msg));
    }
    errs.addAll(CommonRules.oneOf(Nodes.string(port, "protocol"), path.child("protocol"),
        PROTOCOLS, true));
    errs.addAll(CommonRules.portNumOrName(port.get("targetPort"), path.child("targetPort")));
    Nodes.optString(port, "appProtocol").ifPresent(p ->
        errs.addAll(CommonRules.qualifiedName(p, path.child("appProtocol"))));
    long nodePort = Nodes.integer(port, "nodePort");
    if (nodePort != 0) {
      for (String msg : Names.portNumber(nodePort)) {
        errs.add(FieldError.invalid(path.child("nodePort").text(), nodePort, msg));
      }
    }
    return errs;
  }

  private static List<FieldError> sessionAffinity(JsonNode spec) {
    List<FieldError> errs = new ArrayList<>();
    String affinity = Nodes.string(spec, "sessionAffinity");
    errs.addAll(CommonRules.oneOf(affinity, SPEC.child("sessionAffinity"),
        List.of("ClientIP", "None"), true));
    FieldPath config = SPEC.child("sessionAffinityConfig");
    if (affinity.equals("ClientIP")) {
      String when = "when session affinity type is ClientIP";
      if (!Nodes.has(spec, "sessionAffinityConfig")) {
        errs.add(FieldError.required(config.text(), when));
      } else if (Nodes.at(spec, "sessionAffinityConfig", "clientIP").isEmpty()) {
        errs.add(FieldError.required(config.child("clientIP").text(), when));
      } else {
        JsonNode timeout = Nodes.at(spec, "sessionAffinityConfig", "clientIP", "timeoutSeconds")
            .orElse(null);
        FieldPath p = config.child("clientIP").child("timeoutSeconds");
        if (timeout == null) {
          errs.add(FieldError.required(p.text(), when));
        } else if (timeout.asLong() <= 0 || timeout.asLong() > 86400) {
          errs.add(FieldError.invalid(p.text(), timeout.asLong(),
              "must be greater than 0 and less than 86400"));
        }
      }
    } else if (affinity.equals("None") && Nodes.has(spec, "sessionAffinityConfig")) {
      errs.add(FieldError.forbidden(config.text(), "must not be set when session affinity is None"));
    }
    return errs;
  }

  private static List<FieldError> nodePorts(JsonNode spec, List<ObjectNode> ports, String type) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      long nodePort = Nodes.integer(ports.get(i), "nodePort");
      FieldPath p = SPEC.child("ports").index(i).child("nodePort");
      if (nodePort != 0 && type.equals("ClusterIP")) {
        errs.add(FieldError.forbidden(p.text(), "may not be used when `type` is 'ClusterIP'"));
      }
    }
    for (int i = 0; i < ports.size(); i++) {
      long nodePort = Nodes.integer(ports.get(i), "nodePort");
      if (nodePort != 0 && !seen.add(Nodes.string(ports.get(i), "protocol") + "/" + nodePort)) {
        errs.add(FieldError.duplicate(SPEC.child("ports").index(i).child("nodePort").text(),
            nodePort));
      }
    }
    return errs;
  }

  private static List<FieldError> duplicatePorts(List<ObjectNode> ports) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      String protocol = Nodes.string(ports.get(i), "protocol");
      long port = Nodes.integer(ports.get(i), "port");
      if (!seen.add(protocol + "/" + port)) {
        errs.add(FieldError.duplicate(SPEC.child("ports").index(i).text(),
            "{protocol:" + protocol + " port:" + port + "}"));
      }
    }
    return errs;
  }

  private static List<FieldError> loadBalancerFields(JsonNode service, JsonNode spec,
      String type) {
    List<FieldError> errs = new ArrayList<>();
    boolean lb = type.equals("LoadBalancer");
    List<String> ranges = Nodes.strings(spec, "loadBalancerSourceRanges");
    String rangesAnnotation = "service.beta.kubernetes.io/load-balancer-source-ranges";
    if (!ranges.isEmpty()) {
      FieldPath p = SPEC.child("LoadBalancerSourceRanges");
      if (!lb) {
        errs.add(FieldError.forbidden(p.text(), LB_ONLY));
      }
      for (int i = 0; i < ranges.size(); i++) {
        errs.addAll(IpAddresses.validateCidr(p.index(i), ranges.get(i).strip()));
      }
    } else if (Metadata.annotations(service).containsKey(rangesAnnotation)) {
      FieldPath p = FieldPath.of("metadata", "annotations").key(rangesAnnotation);
      if (!lb) {
        errs.add(FieldError.forbidden(p.text(), LB_ONLY));
      }
      String value = Metadata.annotations(service).get(rangesAnnotation).strip();
      if (!value.isEmpty()) {
        for (String cidr : value.split(",")) {
          errs.addAll(IpAddresses.validateCidr(p, cidr.strip()));
        }
      }
    }
    if (Nodes.has(spec, "allocateLoadBalancerNodePorts") && !lb) {
      errs.add(FieldError.forbidden(SPEC.child("allocateLoadBalancerNodePorts").text(), LB_ONLY));
    }
    if (lb && !Nodes.has(spec, "allocateLoadBalancerNodePorts")) {
      errs.add(FieldError.required("allocateLoadBalancerNodePorts", ""));
    }
    if (Nodes.has(spec, "loadBalancerClass")) {
      if (lb) {
        errs.addAll(CommonRules.qualifiedName(Nodes.string(spec, "loadBalancerClass"),
            SPEC.child("loadBalancerClass")));
      } else {
        errs.add(FieldError.forbidden(SPEC.child("loadBalancerClass").text(), LB_ONLY));
      }
    }
    return errs;
  }

  private static List<FieldError> trafficPolicies(JsonNode spec) {
    List<FieldError> errs = new ArrayList<>();
    String external = Nodes.string(spec, "externalTrafficPolicy");
    FieldPath externalPath = SPEC.child("externalTrafficPolicy");
    if (!Services.externallyAccessible(spec)) {
      if (!external.isEmpty()) {
        errs.add(FieldError.invalid(externalPath.text(), external,
            "may only be set for externally-accessible services"));
      }
    } else {
      errs.addAll(CommonRules.oneOf(external, externalPath, List.of("Cluster", "Local"), true));
    }
    long healthCheck = Nodes.integer(spec, "healthCheckNodePort");
    FieldPath healthPath = SPEC.child("healthCheckNodePort");
    if (!Services.needsHealthCheck(spec)) {
      if (healthCheck != 0) {
        errs.add(FieldError.invalid(healthPath.text(), healthCheck, "may only be set when `type`"
            + " is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
      }
    } else if (healthCheck != 0) {
      for (String msg : Names.portNumber(healthCheck)) {
        errs.add(FieldError.invalid(healthPath.text(), healthCheck, msg));
      }
    }
    String type = Services.type(spec);
    FieldPath internalPath = SPEC.child("internalTrafficPolicy");
    if (!Nodes.has(spec, "internalTrafficPolicy")) {
      if (List.of("NodePort", "LoadBalancer", "ClusterIP").contains(type)) {
        errs.add(FieldError.required(internalPath.text(), ""));
      }
    } else {
      errs.addAll(CommonRules.oneOf(Nodes.string(spec, "internalTrafficPolicy"), internalPath,
          List.of("Cluster", "Local"), false));
    }
    Nodes.optString(spec, "trafficDistribution").filter(d -> !d.equals("PreferClose"))
        .ifPresent(d -> errs.add(FieldError.notSupported(SPEC.child("trafficDistribution").text(),
            d, List.of("PreferClose"))));
    return errs;
  }
}
