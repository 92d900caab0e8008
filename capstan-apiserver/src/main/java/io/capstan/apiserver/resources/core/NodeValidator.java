package io.capstan.apiserver.resources.core;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.pod.SchedulingValidator;
import io.capstan.apiserver.resources.validation.CommonRules;
import io.capstan.apiserver.resources.validation.IpAddresses;
import io.capstan.apiserver.resources.validation.LabelRules;
import io.capstan.apiserver.resources.validation.Names;
import io.capstan.apiserver.resources.validation.Quantity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code ValidateNode} and {@code ValidateNodeUpdate}. */
final class NodeValidator {

  private static final FieldPath POD_CIDRS = FieldPath.of("spec", "podCIDRs");

  private NodeValidator() {}

  static List<FieldError> validate(JsonNode node) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = Nodes.objectOrEmpty(node, "spec");
    // Upstream reports taint errors under metadata.taints; kept for identical paths.
    errs.addAll(taints(Nodes.objects(spec, "taints"), FieldPath.of("metadata", "taints")));
    errs.addAll(resources(node));
    List<String> cidrs = Nodes.strings(spec, "podCIDRs");
    for (int i = 0; i < cidrs.size(); i++) {
      errs.addAll(IpAddresses.validateCidr(POD_CIDRS.index(i), cidrs.get(i)));
    }
    if (cidrs.size() > 1) {
      boolean dual = cidrs.size() == 2
          && IpAddresses.isV6Cidr(cidrs.get(0)) != IpAddresses.isV6Cidr(cidrs.get(1));
      if (!dual) {
        errs.add(FieldError.invalid(POD_CIDRS.text(), cidrs.toString(),
            "may specify no more than one CIDR for each IP family"));
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < cidrs.size(); i++) {
        if (!seen.add(cidrs.get(i))) {
          errs.add(FieldError.duplicate(POD_CIDRS.index(i).text(), cidrs.get(i)));
        }
      }
    }
    return errs;
  }

  static List<FieldError> validateUpdate(JsonNode node, JsonNode old) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = Nodes.objectOrEmpty(node, "spec");
    JsonNode oldSpec = Nodes.objectOrEmpty(old, "spec");
    errs.addAll(resources(node));
    Set<String> addresses = new HashSet<>();
    List<ObjectNode> list = Nodes.objects(Nodes.objectOrEmpty(node, "status"), "addresses");
    for (int i = 0; i < list.size(); i++) {
      if (!addresses.add(Nodes.string(list.get(i), "type") + "/"
          + Nodes.string(list.get(i), "address"))) {
        errs.add(FieldError.duplicate(FieldPath.of("status", "addresses").index(i).text(),
            list.get(i)));
      }
    }
    List<String> oldCidrs = Nodes.strings(oldSpec, "podCIDRs");
    if (!oldCidrs.isEmpty() && !oldCidrs.equals(Nodes.strings(spec, "podCIDRs"))) {
      errs.add(FieldError.forbidden(POD_CIDRS.text(),
          "node updates may not change podCIDR except from \"\" to valid"));
    }
    String oldProvider = Nodes.string(oldSpec, "providerID");
    if (!oldProvider.isEmpty() && !oldProvider.equals(Nodes.string(spec, "providerID"))) {
      errs.add(FieldError.forbidden(FieldPath.of("spec", "providerID").text(),
          "node updates may not change providerID except from \"\" to valid"));
    }
    errs.addAll(taints(Nodes.objects(spec, "taints"), FieldPath.of("metadata", "taints")));
    if (!Nodes.string(spec, "externalID").equals(Nodes.string(oldSpec, "externalID"))) {
      errs.add(FieldError.forbidden(FieldPath.of("spec", "externalID").text(), "may not be updated"));
    }
    return errs;
  }

  static List<FieldError> taints(List<ObjectNode> taints, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> unique = new HashSet<>();
    for (int i = 0; i < taints.size(); i++) {
      ObjectNode taint = taints.get(i);
      FieldPath p = path.index(i);
      String key = Nodes.string(taint, "key");
      errs.addAll(LabelRules.validateLabelName(key, p.child("key")));
      String value = Nodes.string(taint, "value");
      List<String> msgs = Names.labelValue(value);
      if (!msgs.isEmpty()) {
        errs.add(FieldError.invalid(p.child("value").text(), value, String.join(";", msgs)));
      }
      String effect = Nodes.string(taint, "effect");
      errs.addAll(SchedulingValidator.taintEffect(effect, false, p.child("effect")));
      if (!unique.add(effect + "\u0000" + key)) {
        errs.add(new FieldError(FieldError.Type.DUPLICATE, p.text(), taint,
            "taints must be unique by key and effect pair"));
      }
    }
    return errs;
  }

  /** Capacity and allocatable quantities: non-negative, whole for integer resources. */
  private static List<FieldError> resources(JsonNode node) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode status = Nodes.objectOrEmpty(node, "status");
    for (String list : new String[] {"capacity", "allocatable"}) {
      for (Map.Entry<String, JsonNode> e : Nodes.objectOrEmpty(status, list).properties()) {
        FieldPath p = FieldPath.of("status", list, e.getKey());
        String text = e.getValue().asString();
        Optional<Quantity> q = Quantity.parse(text);
        if (q.isEmpty()) {
          errs.add(FieldError.invalid(p.text(), text, Quantity.FORMAT_ERROR));
        } else if (q.get().value().signum() < 0) {
          errs.add(FieldError.invalid(p.text(), q.get().canonical(), CommonRules.NEGATIVE));
        }
      }
    }
    return errs;
  }
}
