package io.capstan.node.podconfig;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Downward-API resource references ({@code resourceFieldRef}) as the kubelet computes them
 * ({@code pkg/api/v1/resource}): the container's limit or request divided by the divisor (default
 * 1) and rounded up — cpu in millicores, everything else in whole units. A cpu, memory or
 * ephemeral-storage limit that is unset or zero is replaced by the node's allocatable amount, so a
 * container without limits learns how much the node could give it. With no allocatable figure
 * for that resource the value is {@code 0}.
 *
 * <p>Worked example: {@code limits.cpu: 250m} with divisor {@code 1} is
 * {@code ceil(250 / 1000) = 1}; with divisor {@code 1m} it is {@code 250}.
 */
final class ResourceFields {

  private static final List<String> DEFAULTED_LIMITS = List.of("cpu", "memory",
      "ephemeral-storage");
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  private final Map<String, Quantity> allocatable;

  ResourceFields(Map<String, Quantity> allocatable) {
    this.allocatable = Map.copyOf(allocatable);
  }

  /**
   * The value for {@code container} (null for a volume, which must name its container), or for
   * the container the selector names. Only
   * {@code spec.containers} get allocatable limits when named by an env selector; a volume's
   * named container always does (as upstream).
   */
  String value(ResourceFieldSelector selector, Pod pod, Container container)
      throws ContainerConfigError {
    String name = selector.getContainerName() == null ? "" : selector.getContainerName();
    if (name.isEmpty() && container != null) {
      return extract(selector, withDefaultLimits(container));
    }
    return extract(selector, withDefaultLimits(find(pod, name)));
  }

  private static Container find(Pod pod, String name) throws ContainerConfigError {
    var spec = pod.getSpec();
    Stream<Container> all = Stream.concat(
        spec.getContainers() == null ? Stream.empty() : spec.getContainers().stream(),
        spec.getInitContainers() == null ? Stream.empty() : spec.getInitContainers().stream());
    return all.filter(c -> name.equals(c.getName())).findFirst()
        .orElseThrow(() -> new ContainerConfigError("container " + name + " not found"));
  }

  /** A container's limits (after defaulting) and requests. */
  private record Amounts(Map<String, Quantity> limits, Map<String, Quantity> requests) {}

  private Amounts withDefaultLimits(Container container) {
    ResourceRequirements resources = Optional.ofNullable(container.getResources())
        .orElseGet(ResourceRequirements::new);
    Map<String, Quantity> limits = new HashMap<>(
        resources.getLimits() == null ? Map.of() : resources.getLimits());
    for (String resource : DEFAULTED_LIMITS) {
      Quantity limit = limits.get(resource);
      if ((limit == null || isZero(limit)) && allocatable.containsKey(resource)) {
        limits.put(resource, allocatable.get(resource));
      }
    }
    Map<String, Quantity> requests =
        resources.getRequests() == null ? Map.of() : resources.getRequests();
    return new Amounts(limits, requests);
  }

  private static String extract(ResourceFieldSelector selector, Amounts amounts)
      throws ContainerConfigError {
    Quantity divisorQuantity = selector.getDivisor();
    BigDecimal divisor = divisorQuantity == null || isZero(divisorQuantity)
        ? BigDecimal.ONE : amount(divisorQuantity);
    String resource = String.valueOf(selector.getResource());
    int dot = resource.indexOf('.');
    String kind = dot < 0 ? "" : resource.substring(0, dot);
    String name = dot < 0 ? "" : resource.substring(dot + 1);
    Map<String, Quantity> list = switch (kind) {
      case "limits" -> amounts.limits();
      case "requests" -> amounts.requests();
      default -> null;
    };
    boolean known = name.equals("cpu") || name.equals("memory")
        || name.equals("ephemeral-storage") || name.startsWith("hugepages-");
    if (list == null || !known) {
      throw new ContainerConfigError("unsupported container resource : " + resource);
    }
    BigDecimal value = Optional.ofNullable(list.get(name)).map(ResourceFields::amount)
        .orElse(BigDecimal.ZERO);
    if (name.equals("cpu")) {
      return ceilDiv(milli(value), milli(divisor));
    }
    return ceilDiv(units(value), units(divisor));
  }

  /** Go's {@code Quantity.MilliValue()}: rounded up to whole millis. */
  private static BigDecimal milli(BigDecimal amount) {
    return amount.multiply(THOUSAND).setScale(0, RoundingMode.CEILING);
  }

  /** Go's {@code Quantity.Value()}: rounded up to whole units. */
  private static BigDecimal units(BigDecimal amount) {
    return amount.setScale(0, RoundingMode.CEILING);
  }

  /** A positive divisor rounded up never reaches zero, so the division is always defined. */
  private static String ceilDiv(BigDecimal value, BigDecimal divisor) {
    return value.divide(divisor, 0, RoundingMode.CEILING).toPlainString();
  }

  private static BigDecimal amount(Quantity quantity) {
    try {
      return quantity.getNumericalAmount();
    } catch (RuntimeException e) {
      return BigDecimal.ZERO;
    }
  }

  private static boolean isZero(Quantity quantity) {
    return amount(quantity).signum() == 0;
  }
}
