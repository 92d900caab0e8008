package io.capstan.apiserver.resources.pod;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.CommonRules;
import io.capstan.apiserver.resources.validation.Names;
import io.capstan.apiserver.resources.validation.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validation of container {@code env} and {@code envFrom}, and of the downward-API selectors they
 * share with volumes. Names follow the relaxed rule, on by default in v1.32.
 */
final class EnvValidator {

  private static final Set<String> ENV_FIELD_PATHS = Set.of("metadata.name",
      "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
      "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs");
  /** Every label the downward API can convert ({@code ConvertDownwardAPIFieldLabel}). */
  private static final Set<String> CONVERTIBLE = Set.of("metadata.annotations",
      "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName",
      "spec.restartPolicy", "spec.serviceAccountName", "spec.schedulerName", "status.phase",
      "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs");
  private static final Set<String> RESOURCE_FIELD_PATHS = Set.of("limits.cpu", "limits.memory",
      "limits.ephemeral-storage", "requests.cpu", "requests.memory",
      "requests.ephemeral-storage");
  private static final Set<String> BYTE_DIVISORS = Set.of("1", "1k", "1M", "1G", "1T", "1P",
      "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei");

  private EnvValidator() {}

  static List<FieldError> validateEnv(List<ObjectNode> vars, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      ObjectNode env = vars.get(i);
      FieldPath idx = path.index(i);
      String name = Nodes.string(env, "name");
      if (name.isEmpty()) {
        errs.add(FieldError.required(idx.child("name").text(), ""));
      } else {
        errs.addAll(CommonRules.format(name, idx.child("name"), Names::relaxedEnvVarName));
      }
      errs.addAll(valueFrom(env, idx.child("valueFrom")));
    }
    return errs;
  }

  private static List<FieldError> valueFrom(ObjectNode env, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Optional<ObjectNode> from = Nodes.object(env, "valueFrom");
    if (from.isEmpty()) {
      return errs;
    }
    ObjectNode source = from.get();
    int count = 0;
    if (Nodes.has(source, "fieldRef")) {
      count++;
      errs.addAll(objectFieldSelector(Nodes.objectOrEmpty(source, "fieldRef"), ENV_FIELD_PATHS,
          path.child("fieldRef")));
    }
    if (Nodes.has(source, "resourceFieldRef")) {
      count++;
      errs.addAll(resourceFieldSelector(Nodes.objectOrEmpty(source, "resourceFieldRef"),
          path.child("resourceFieldRef"), false));
    }
    for (String ref : new String[] {"configMapKeyRef", "secretKeyRef"}) {
      if (Nodes.has(source, ref)) {
        count++;
        errs.addAll(keySelector(Nodes.objectOrEmpty(source, ref), path.child(ref)));
      }
    }
    if (count == 0) {
      errs.add(FieldError.invalid(path.text(), "", "must specify one of: `fieldRef`, "
          + "`resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
    } else if (!Nodes.string(env, "value").isEmpty()) {
      errs.add(FieldError.invalid(path.text(), "", "may not be specified when `value` is not empty"));
    } else if (count > 1) {
      errs.add(FieldError.invalid(path.text(), "",
          "may not have more than one field specified at a time"));
    }
    return errs;
  }

  private static List<FieldError> keySelector(ObjectNode selector, FieldPath path) {
    List<FieldError> errs = new ArrayList<>(CommonRules.dnsSubdomain(
        Nodes.string(selector, "name"), path.child("name")));
    String key = Nodes.string(selector, "key");
    if (key.isEmpty()) {
      errs.add(FieldError.required(path.child("key").text(), ""));
    } else {
      errs.addAll(CommonRules.format(key, path.child("key"), Names::configMapKey));
    }
    return errs;
  }

  /** {@code validateObjectFieldSelector}. */
  static List<FieldError> objectFieldSelector(ObjectNode selector, Set<String> expressions,
      FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    String apiVersion = Nodes.string(selector, "apiVersion");
    String fieldPath = Nodes.string(selector, "fieldPath");
    if (apiVersion.isEmpty()) {
      errs.add(FieldError.required(path.child("apiVersion").text(), ""));
      return errs;
    }
    if (fieldPath.isEmpty()) {
      errs.add(FieldError.required(path.child("fieldPath").text(), ""));
      return errs;
    }
    String[] subscripted = splitSubscript(fieldPath);
    String conversionError = null;
    if (!apiVersion.equals("v1")) {
      conversionError = "unsupported pod version: " + apiVersion;
    } else if (subscripted != null) {
      if (!subscripted[0].equals("metadata.annotations")
          && !subscripted[0].equals("metadata.labels")) {
        conversionError = "field label does not support subscript: " + fieldPath;
      }
    } else if (!CONVERTIBLE.contains(fieldPath) && !fieldPath.equals("spec.host")) {
      conversionError = "field label not supported: " + fieldPath;
    }
    if (conversionError != null) {
      errs.add(FieldError.invalid(path.child("fieldPath").text(), fieldPath,
          "error converting fieldPath: " + conversionError));
      return errs;
    }
    String internal = fieldPath.equals("spec.host") ? "spec.nodeName" : fieldPath;
    if (subscripted != null) {
      String subscript = subscripted[0].equals("metadata.annotations")
          ? subscripted[1].toLowerCase(Locale.ROOT) : subscripted[1];
      errs.addAll(CommonRules.qualifiedName(subscript, path));
    } else if (!expressions.contains(internal)) {
      errs.add(FieldError.notSupported(path.child("fieldPath").text(), internal,
          List.copyOf(new TreeSet<>(expressions))));
    }
    return errs;
  }

  /** {@code SplitMaybeSubscriptedPath}: {@code metadata.labels['key']} into path and key. */
  private static String[] splitSubscript(String fieldPath) {
    if (!fieldPath.endsWith("']")) {
      return null;
    }
    String s = fieldPath.substring(0, fieldPath.length() - 2);
    int open = s.indexOf("['");
    if (open <= 0) {
      return null;
    }
    return new String[] {s.substring(0, open), s.substring(open + 2)};
  }

  /** {@code validateContainerResourceFieldSelector}. */
  static List<FieldError> resourceFieldSelector(ObjectNode selector, FieldPath path,
      boolean volume) {
    List<FieldError> errs = new ArrayList<>();
    String resource = Nodes.string(selector, "resource");
    if (volume && Nodes.string(selector, "containerName").isEmpty()) {
      errs.add(FieldError.required(path.child("containerName").text(), ""));
    } else if (resource.isEmpty()) {
      errs.add(FieldError.required(path.child("resource").text(), ""));
    } else if (!RESOURCE_FIELD_PATHS.contains(resource)
        && !resource.startsWith("requests.hugepages-") && !resource.startsWith("limits.hugepages-")) {
      errs.add(FieldError.notSupported(path.child("resource").text(), resource,
          List.copyOf(new TreeSet<>(RESOURCE_FIELD_PATHS))));
    }
    Optional<Quantity> divisor = Nodes.get(selector, "divisor").map(JsonNode::asString)
        .flatMap(Quantity::parse).filter(q -> q.value().signum() != 0);
    if (divisor.isPresent()) {
      String canonical = divisor.get().canonical();
      FieldPath p = path.child("divisor");
      if ((resource.equals("limits.cpu") || resource.equals("requests.cpu"))
          && !Set.of("1m", "1").contains(canonical)) {
        errs.add(FieldError.invalid(p.text(), resource,
            "only divisor's values 1m and 1 are supported with the cpu resource"));
      } else if (resource.endsWith(".memory") && !BYTE_DIVISORS.contains(canonical)) {
        errs.add(FieldError.invalid(p.text(), resource, "only divisor's values 1, 1k, 1M, 1G, 1T,"
            + " 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource"));
      } else if (resource.endsWith(".ephemeral-storage") && !BYTE_DIVISORS.contains(canonical)) {
        errs.add(FieldError.invalid(p.text(), resource, "only divisor's values 1, 1k, 1M, 1G, 1T,"
            + " 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the local ephemeral"
            + " storage resource"));
      }
    }
    return errs;
  }

  static List<FieldError> validateEnvFrom(List<ObjectNode> sources, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      ObjectNode source = sources.get(i);
      FieldPath idx = path.index(i);
      String prefix = Nodes.string(source, "prefix");
      if (!prefix.isEmpty()) {
        errs.addAll(CommonRules.format(prefix, idx.child("prefix"), Names::relaxedEnvVarName));
      }
      int count = 0;
      for (String ref : new String[] {"configMapRef", "secretRef"}) {
        if (Nodes.has(source, ref)) {
          count++;
          String name = Nodes.string(Nodes.objectOrEmpty(source, ref), "name");
          FieldPath namePath = idx.child(ref).child("name");
          if (name.isEmpty()) {
            errs.add(FieldError.required(namePath.text(), ""));
          } else {
            errs.addAll(CommonRules.format(name, namePath,
                n -> io.capstan.apiserver.resources.NameRule.DNS1123_SUBDOMAIN.check(n, true)));
          }
        }
      }
      if (count == 0) {
        errs.add(FieldError.invalid(path.text(), "",
            "must specify one of: `configMapRef` or `secretRef`"));
      } else if (count > 1) {
        errs.add(FieldError.invalid(path.text(), "",
            "may not have more than one field specified at a time"));
      }
    }
    return errs;
  }
}
