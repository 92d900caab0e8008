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
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Validation of tolerations, affinity, topology spread and scheduling gates. */
public final class SchedulingValidator {

  public static final List<String> TAINT_EFFECTS =
      List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

  private SchedulingValidator() {}

  /** {@code validateTaintEffect}; an empty effect is allowed only where it means "any". */
  public static List<FieldError> taintEffect(String effect, boolean allowEmpty, FieldPath path) {
    if (!allowEmpty && effect.isEmpty()) {
      return List.of(FieldError.required(path.text(), ""));
    }
    if (TAINT_EFFECTS.contains(effect)) {
      return List.of();
    }
    return List.of(FieldError.notSupported(path.text(), effect, TAINT_EFFECTS));
  }

  public static List<FieldError> tolerations(List<ObjectNode> tolerations, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    for (int i = 0; i < tolerations.size(); i++) {
      ObjectNode t = tolerations.get(i);
      FieldPath p = path.index(i);
      String key = Nodes.string(t, "key");
      String operator = Nodes.string(t, "operator");
      String value = Nodes.string(t, "value");
      String effect = Nodes.string(t, "effect");
      if (!key.isEmpty()) {
        errs.addAll(LabelRules.validateLabelName(key, p.child("key")));
      }
      if (key.isEmpty() && !operator.equals("Exists")) {
        errs.add(FieldError.invalid(p.child("operator").text(), operator, "operator must be"
            + " Exists when `key` is empty, which means \"match all values and all keys\""));
      }
      if (Nodes.has(t, "tolerationSeconds") && !effect.equals("NoExecute")) {
        errs.add(FieldError.invalid(p.child("effect").text(), effect,
            "effect must be 'NoExecute' when `tolerationSeconds` is set"));
      }
      switch (operator) {
        case "Equal", "" -> {
          List<String> msgs = Names.labelValue(value);
          if (!msgs.isEmpty()) {
            errs.add(FieldError.invalid(p.child("operator").text(), value, String.join(";", msgs)));
          }
        }
        case "Exists" -> {
          if (!value.isEmpty()) {
            errs.add(FieldError.invalid(p.child("operator").text(), value,
                "value must be empty when `operator` is 'Exists'"));
          }
        }
        default -> errs.add(FieldError.notSupported(p.child("operator").text(), operator,
            List.of("Equal", "Exists")));
      }
      if (!effect.isEmpty()) {
        errs.addAll(taintEffect(effect, true, p.child("effect")));
      }
    }
    return errs;
  }

  static List<FieldError> affinity(JsonNode spec, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Optional<ObjectNode> affinity = Nodes.object(spec, "affinity");
    if (affinity.isEmpty()) {
      return errs;
    }
    Nodes.object(affinity.get(), "nodeAffinity").ifPresent(na -> {
      FieldPath p = path.child("nodeAffinity");
      Nodes.object(na, "requiredDuringSchedulingIgnoredDuringExecution").ifPresent(sel -> {
        FieldPath terms = p.child("requiredDuringSchedulingIgnoredDuringExecution")
            .child("nodeSelectorTerms");
        List<ObjectNode> list = Nodes.objects(sel, "nodeSelectorTerms");
        if (list.isEmpty()) {
          errs.add(FieldError.required(terms.text(), "must have at least one node selector term"));
        }
        for (int i = 0; i < list.size(); i++) {
          errs.addAll(nodeSelectorTerm(list.get(i), false, terms.index(i)));
        }
      });
      List<ObjectNode> preferred = Nodes.objects(na,
          "preferredDuringSchedulingIgnoredDuringExecution");
      for (int i = 0; i < preferred.size(); i++) {
        FieldPath pp = p.child("preferredDuringSchedulingIgnoredDuringExecution").index(i);
        errs.addAll(weight(preferred.get(i), pp));
        errs.addAll(nodeSelectorTerm(Nodes.objectOrEmpty(preferred.get(i), "preference"), true,
            pp.child("preference")));
      }
    });
    for (String kind : new String[] {"podAffinity", "podAntiAffinity"}) {
      Nodes.object(affinity.get(), kind).ifPresent(pa -> {
        FieldPath p = path.child(kind);
        List<ObjectNode> required = Nodes.objects(pa,
            "requiredDuringSchedulingIgnoredDuringExecution");
        for (int i = 0; i < required.size(); i++) {
          errs.addAll(podAffinityTerm(required.get(i),
              p.child("requiredDuringSchedulingIgnoredDuringExecution").index(i)));
        }
        List<ObjectNode> preferred = Nodes.objects(pa,
            "preferredDuringSchedulingIgnoredDuringExecution");
        for (int i = 0; i < preferred.size(); i++) {
          FieldPath pp = p.child("preferredDuringSchedulingIgnoredDuringExecution").index(i);
          errs.addAll(weight(preferred.get(i), pp));
          errs.addAll(podAffinityTerm(Nodes.objectOrEmpty(preferred.get(i), "podAffinityTerm"),
              pp.child("podAffinityTerm")));
        }
      });
    }
    return errs;
  }

  private static List<FieldError> weight(ObjectNode weighted, FieldPath path) {
    long weight = Nodes.integer(weighted, "weight");
    if (weight <= 0 || weight > 100) {
      return List.of(FieldError.invalid(path.child("weight").text(), weight,
          "must be in the range 1-100"));
    }
    return List.of();
  }

  private static List<FieldError> nodeSelectorTerm(ObjectNode term, boolean allowInvalidValues,
      FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    List<ObjectNode> expressions = Nodes.objects(term, "matchExpressions");
    for (int j = 0; j < expressions.size(); j++) {
      ObjectNode req = expressions.get(j);
      FieldPath p = path.child("matchExpressions").index(j);
      String operator = Nodes.string(req, "operator");
      List<String> values = Nodes.strings(req, "values");
      switch (operator) {
        case "In", "NotIn" -> {
          if (values.isEmpty()) {
            errs.add(FieldError.required(p.child("values").text(),
                "must be specified when `operator` is 'In' or 'NotIn'"));
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (!values.isEmpty()) {
            errs.add(FieldError.forbidden(p.child("values").text(),
                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
          }
        }
        case "Gt", "Lt" -> {
          if (values.size() != 1) {
            errs.add(FieldError.required(p.child("values").text(),
                "must be specified single value when `operator` is 'Lt' or 'Gt'"));
          }
        }
        default -> errs.add(FieldError.invalid(p.child("operator").text(), operator,
            "not a valid selector operator"));
      }
      errs.addAll(LabelRules.validateLabelName(Nodes.string(req, "key"), p.child("key")));
      if (!allowInvalidValues) {
        for (int v = 0; v < values.size(); v++) {
          for (String msg : Names.labelValue(values.get(v))) {
            errs.add(FieldError.invalid(p.child("values").index(v).text(), values.get(v), msg));
          }
        }
      }
    }
    List<ObjectNode> fields = Nodes.objects(term, "matchFields");
    for (int j = 0; j < fields.size(); j++) {
      ObjectNode req = fields.get(j);
      FieldPath p = path.child("matchFields").index(j);
      String operator = Nodes.string(req, "operator");
      List<String> values = Nodes.strings(req, "values");
      if (operator.equals("In") || operator.equals("NotIn")) {
        if (values.size() != 1) {
          errs.add(FieldError.required(p.child("values").text(), "must be only one value when"
              + " `operator` is 'In' or 'NotIn' for node field selector"));
        }
      } else {
        errs.add(FieldError.invalid(p.child("operator").text(), operator,
            "not a valid selector operator"));
      }
      String key = Nodes.string(req, "key");
      if (!key.equals("metadata.name")) {
        errs.add(FieldError.invalid(p.child("key").text(), key, "not a valid field selector key"));
      } else {
        for (int v = 0; v < values.size(); v++) {
          errs.addAll(CommonRules.dnsSubdomain(values.get(v), p.child("values").index(v)));
        }
      }
    }
    return errs;
  }

  private static List<FieldError> podAffinityTerm(ObjectNode term, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    errs.addAll(LabelRules.validateSelector(term.get("labelSelector"), path.child("labelSelector")));
    errs.addAll(LabelRules.validateSelector(term.get("namespaceSelector"),
        path.child("namespaceSelector")));
    for (String ns : Nodes.strings(term, "namespaces")) {
      errs.addAll(CommonRules.dnsLabel(ns, path.child("namespace")));
    }
    String topologyKey = Nodes.string(term, "topologyKey");
    if (topologyKey.isEmpty()) {
      errs.add(FieldError.required(path.child("topologyKey").text(), "can not be empty"));
    }
    errs.addAll(LabelRules.validateLabelName(topologyKey, path.child("topologyKey")));
    return errs;
  }

  static List<FieldError> topologySpread(List<ObjectNode> constraints, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    for (int i = 0; i < constraints.size(); i++) {
      ObjectNode c = constraints.get(i);
      FieldPath p = path.index(i);
      long maxSkew = Nodes.integer(c, "maxSkew");
      if (maxSkew <= 0) {
        errs.add(FieldError.invalid(p.child("maxSkew").text(), maxSkew, "must be greater than zero"));
      }
      String topologyKey = Nodes.string(c, "topologyKey");
      if (topologyKey.isEmpty()) {
        errs.add(FieldError.required(p.child("topologyKey").text(), "can not be empty"));
      }
      String action = Nodes.string(c, "whenUnsatisfiable");
      List<String> actions = List.of("DoNotSchedule", "ScheduleAnyway");
      if (!actions.contains(action)) {
        errs.add(FieldError.notSupported(p.child("whenUnsatisfiable").text(), action, actions));
      }
      for (int j = i + 1; j < constraints.size(); j++) {
        if (topologyKey.equals(Nodes.string(constraints.get(j), "topologyKey"))
            && action.equals(Nodes.string(constraints.get(j), "whenUnsatisfiable"))) {
          errs.add(FieldError.duplicate(p.child("{topologyKey, whenUnsatisfiable}").text(),
              "{" + topologyKey + ", " + action + "}"));
          break;
        }
      }
      Nodes.optInteger(c, "minDomains").ifPresent(min -> {
        if (min <= 0) {
          errs.add(FieldError.invalid(p.child("minDomains").text(), min,
              "must be greater than zero"));
        }
        if (!action.equals("DoNotSchedule")) {
          errs.add(FieldError.invalid(p.child("minDomains").text(), min,
              "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not " + action));
        }
      });
      for (String policy : new String[] {"nodeAffinityPolicy", "nodeTaintsPolicy"}) {
        Nodes.optString(c, policy).filter(v -> !v.equals("Honor") && !v.equals("Ignore"))
            .ifPresent(v -> errs.add(FieldError.notSupported(p.child(policy).text(), v,
                List.of("Honor", "Ignore"))));
      }
      errs.addAll(LabelRules.validateSelector(c.get("labelSelector"), p.child("labelSelector")));
    }
    return errs;
  }

  static List<FieldError> schedulingGates(List<ObjectNode> gates, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < gates.size(); i++) {
      String name = Nodes.string(gates.get(i), "name");
      errs.addAll(CommonRules.qualifiedName(name, path.index(i)));
      if (!seen.add(name)) {
        errs.add(FieldError.duplicate(path.index(i).text(), name));
      }
    }
    return errs;
  }
}
