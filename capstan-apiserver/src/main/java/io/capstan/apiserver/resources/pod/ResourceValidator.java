package io.capstan.apiserver.resources.pod;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.GoText;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.CommonRules;
import io.capstan.apiserver.resources.validation.Quantity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Validation of container {@code resources} ({@code ValidateContainerResourceRequirements}). */
final class ResourceValidator {

  private ResourceValidator() {}

  static List<FieldError> validate(JsonNode container, Set<String> podClaims, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    ObjectNode resources = Nodes.objectOrEmpty(container, "resources");
    FieldPath limPath = path.child("limits");
    FieldPath reqPath = path.child("requests");
    Map<String, Quantity> limits = parse(Nodes.objectOrEmpty(resources, "limits"), limPath, errs);
    Map<String, Quantity> requests =
        parse(Nodes.objectOrEmpty(resources, "requests"), reqPath, errs);
    boolean cpuOrMemory = false;
    boolean hugePages = false;
    for (Map.Entry<String, Quantity> e : limits.entrySet()) {
      FieldPath p = limPath.key(e.getKey());
      errs.addAll(resourceName(e.getKey(), p));
      errs.addAll(quantityValue(e.getKey(), e.getValue(), p));
      if (ResourceNames.isHugePages(e.getKey())) {
        hugePages = true;
        hugePageMultiple(e.getKey(), e.getValue(), p).ifPresent(errs::add);
      }
      cpuOrMemory |= e.getKey().equals("cpu") || e.getKey().equals("memory");
    }
    for (Map.Entry<String, Quantity> e : requests.entrySet()) {
      String name = e.getKey();
      Quantity request = e.getValue();
      FieldPath p = reqPath.key(name);
      errs.addAll(resourceName(name, p));
      errs.addAll(quantityValue(name, request, p));
      Quantity limit = limits.get(name);
      if (limit != null) {
        if (!request.sameValue(limit) && !ResourceNames.isOvercommitAllowed(name)) {
          errs.add(FieldError.invalid(reqPath.text(), request.canonical(),
              "must be equal to " + name + " limit of " + limit.canonical()));
        } else if (request.compareTo(limit) > 0) {
          errs.add(FieldError.invalid(reqPath.text(), request.canonical(),
              "must be less than or equal to " + name + " limit of " + limit.canonical()));
        }
      } else if (!ResourceNames.isOvercommitAllowed(name)) {
        errs.add(FieldError.required(limPath.text(),
            "Limit must be set for non overcommitable resources"));
      }
      if (ResourceNames.isHugePages(name)) {
        hugePages = true;
        hugePageMultiple(name, request, p).ifPresent(errs::add);
      }
      cpuOrMemory |= name.equals("cpu") || name.equals("memory");
    }
    if (!cpuOrMemory && hugePages) {
      errs.add(FieldError.forbidden(path.text(), "HugePages require cpu or memory"));
    }
    errs.addAll(claims(Nodes.objects(resources, "claims"), podClaims, path.child("claims")));
    return errs;
  }

  /** Parses a resource list; unparsable quantities are reported and left out. */
  static Map<String, Quantity> parse(ObjectNode list, FieldPath path, List<FieldError> errs) {
    Map<String, Quantity> out = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : list.properties()) {
      String text = e.getValue().isNull() ? "" : e.getValue().asString();
      Optional<Quantity> q = Quantity.parse(text);
      if (q.isPresent()) {
        out.put(e.getKey(), q.get());
      } else {
        errs.add(FieldError.invalid(path.key(e.getKey()).text(), text, Quantity.FORMAT_ERROR));
      }
    }
    return out;
  }

  private static List<FieldError> resourceName(String name, FieldPath path) {
    List<FieldError> errs = new ArrayList<>(CommonRules.qualifiedName(name, path));
    if (!errs.isEmpty()) {
      return errs;
    }
    if (!name.contains("/")) {
      if (!ResourceNames.isStandard(name)) {
        return List.of(FieldError.invalid(path.text(), new GoText(name),
            "must be a standard resource type or fully qualified"));
      }
      if (!ResourceNames.isStandardContainer(name)) {
        return List.of(FieldError.invalid(path.text(), new GoText(name),
            "must be a standard resource for containers"));
      }
    } else if (!ResourceNames.isNative(name) && !ResourceNames.isExtended(name)) {
      return List.of(FieldError.invalid(path.text(), new GoText(name),
          "doesn't follow extended resource name standard"));
    }
    return errs;
  }

  /** Non-negative, and whole for integer resources. */
  static List<FieldError> quantityValue(String name, Quantity q, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (q.value().signum() < 0) {
      errs.add(FieldError.invalid(path.text(), q.canonical(), CommonRules.NEGATIVE));
    }
    if (ResourceNames.isInteger(name) && !q.isInteger()) {
      errs.add(FieldError.invalid(path.text(), new GoText(q.canonical()), "must be an integer"));
    }
    return errs;
  }

  private static Optional<FieldError> hugePageMultiple(String name, Quantity q, FieldPath path) {
    Optional<Quantity> size = Quantity.parse(name.substring("hugepages-".length()));
    if (size.isEmpty() || size.get().value().signum() <= 0) {
      return Optional.empty();
    }
    BigDecimal[] division = q.value().divideAndRemainder(size.get().value());
    if (division[1].signum() != 0 || division[0].toBigInteger().compareTo(BigInteger.ZERO) < 0) {
      return Optional.of(FieldError.invalid(path.text(), q.canonical(), q.canonical()
          + " is not positive integer multiple of " + name));
    }
    return Optional.empty();
  }

  private static List<FieldError> claims(List<ObjectNode> claims, Set<String> podClaims,
      FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < claims.size(); i++) {
      String name = Nodes.string(claims.get(i), "name");
      String request = Nodes.string(claims.get(i), "request");
      String key = request.isEmpty() ? name : name + "/" + request;
      if (name.isEmpty()) {
        errs.add(FieldError.required(path.index(i).text(), ""));
        continue;
      }
      if (!seen.add(key)) {
        errs.add(FieldError.duplicate(path.index(i).text(), key));
      }
      if (!podClaims.contains(name)) {
        errs.add(new FieldError(FieldError.Type.NOT_FOUND, path.index(i).text(), name,
            "must be one of the names in pod.spec.resourceClaims"
                + (podClaims.isEmpty() ? " which is empty" : ": "
                + String.join(", ", new java.util.TreeSet<>(podClaims)))));
      }
    }
    return errs;
  }
}
