package io.capstan.node.podconfig;

import io.capstan.node.kubelet.GoQuote;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Downward-API field references ({@code fieldRef}) resolved the way the kubelet does: the label
 * conversion of {@code pkg/apis/core/pods}, the pod-status fields the kubelet answers itself for
 * environment variables, and {@code pkg/fieldpath} for metadata. Error messages are upstream's.
 *
 * <p>Volumes only get the metadata fields ({@link #metadataValue}); environment variables also get
 * {@code spec.nodeName}, {@code spec.serviceAccountName} and the pod and host IPs
 * ({@link #envValue}). The host IPs come from the pod's status, which the agent fills from its
 * node's addresses, where the kubelet reads its node object.
 */
final class DownwardFields {

  private static final Set<String> CONVERTIBLE = Set.of(
      "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace",
      "metadata.uid", "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName",
      "spec.schedulerName", "status.phase", "status.hostIP", "status.hostIPs", "status.podIP",
      "status.podIPs");
  private static final Pattern QUALIFIED_NAME_PART =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private DownwardFields() {}

  /** The value of a {@code fieldRef} in a container's {@code env}. */
  static String envValue(ObjectFieldSelector selector, Pod pod) throws ContainerConfigError {
    String path = convertFieldLabel(selector);
    PodSpec spec = Optional.ofNullable(pod.getSpec()).orElseGet(PodSpec::new);
    PodStatus status = Optional.ofNullable(pod.getStatus()).orElseGet(PodStatus::new);
    return switch (path) {
      case "spec.nodeName" -> Objects.toString(spec.getNodeName(), "");
      case "spec.serviceAccountName" -> Objects.toString(spec.getServiceAccountName(), "");
      case "status.hostIP" -> hostIps(status).stream().findFirst().orElse("");
      case "status.hostIPs" -> String.join(",", hostIps(status));
      case "status.podIP" -> podIps(status).stream().findFirst().orElse("");
      case "status.podIPs" -> String.join(",", podIps(status));
      default -> metadataValue(pod, path);
    };
  }

  /** {@code ConvertDownwardAPIFieldLabel}: the fields a v1 pod may reference. */
  static String convertFieldLabel(ObjectFieldSelector selector) throws ContainerConfigError {
    String version = Optional.ofNullable(selector.getApiVersion()).orElse("v1");
    if (!version.equals("v1")) {
      throw new ContainerConfigError("unsupported pod version: " + version);
    }
    String label = Objects.toString(selector.getFieldPath(), "");
    Optional<String[]> subscripted = splitSubscript(label);
    if (subscripted.isPresent()) {
      String path = subscripted.get()[0];
      if (path.equals("metadata.annotations") || path.equals("metadata.labels")) {
        return label;
      }
      throw new ContainerConfigError("field label does not support subscript: " + label);
    }
    if (CONVERTIBLE.contains(label)) {
      return label;
    }
    if (label.equals("spec.host")) {
      return "spec.nodeName";
    }
    throw new ContainerConfigError("field label not supported: " + label);
  }

  /** {@code fieldpath.ExtractFieldPathAsString}: metadata fields only. */
  static String metadataValue(Pod pod, String fieldPath) throws ContainerConfigError {
    var meta = pod.getMetadata();
    Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
    Map<String, String> annotations =
        meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    Optional<String[]> subscripted = splitSubscript(fieldPath);
    if (subscripted.isPresent()) {
      String path = subscripted.get()[0];
      String key = subscripted.get()[1];
      switch (path) {
        case "metadata.annotations" -> {
          checkQualifiedName(fieldPath, key.toLowerCase(java.util.Locale.ROOT));
          return annotations.getOrDefault(key, "");
        }
        case "metadata.labels" -> {
          checkQualifiedName(fieldPath, key);
          return labels.getOrDefault(key, "");
        }
        default -> throw new ContainerConfigError(
            "fieldPath " + GoQuote.quote(fieldPath) + " does not support subscript");
      }
    }
    return switch (fieldPath) {
      case "metadata.annotations" -> formatMap(annotations);
      case "metadata.labels" -> formatMap(labels);
      case "metadata.name" -> Objects.toString(meta.getName(), "");
      case "metadata.namespace" -> Objects.toString(meta.getNamespace(), "");
      case "metadata.uid" -> Objects.toString(meta.getUid(), "");
      default -> throw new ContainerConfigError("unsupported fieldPath: " + fieldPath);
    };
  }

  /** {@code fieldpath.FormatMap}: {@code key="value"} lines sorted by key, Go-quoted. */
  static String formatMap(Map<String, String> map) {
    return new TreeMap<>(map).entrySet().stream()
        .map(e -> e.getKey() + "=" + GoQuote.quote(e.getValue()))
        .collect(Collectors.joining("\n"));
  }

  /** {@code SplitMaybeSubscriptedPath}: {@code metadata.labels['k']} into path and key. */
  static Optional<String[]> splitSubscript(String fieldPath) {
    if (!fieldPath.endsWith("']")) {
      return Optional.empty();
    }
    String s = fieldPath.substring(0, fieldPath.length() - 2);
    int open = s.indexOf("['");
    if (open <= 0) {
      return Optional.empty();
    }
    return Optional.of(new String[] {s.substring(0, open), s.substring(open + 2)});
  }

  private static void checkQualifiedName(String fieldPath, String key)
      throws ContainerConfigError {
    String name = key;
    String problem = null;
    int slash = key.indexOf('/');
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty()) {
        problem = "prefix part must be non-empty";
      } else if (prefix.length() > 253 || !DNS1123_SUBDOMAIN.matcher(prefix).matches()) {
        problem = "prefix part a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
            + "character";
      } else if (name.contains("/")) {
        problem = "a qualified name must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character";
      }
    }
    if (problem == null) {
      if (name.isEmpty()) {
        problem = "name part must be non-empty";
      } else if (name.length() > 63) {
        problem = "name part must be no more than 63 characters";
      } else if (!QUALIFIED_NAME_PART.matcher(name).matches()) {
        problem = "name part must consist of alphanumeric characters, '-', '_' or '.', and must "
            + "start and end with an alphanumeric character";
      }
    }
    if (problem != null) {
      throw new ContainerConfigError("invalid key subscript in " + fieldPath + ": " + problem);
    }
  }

  private static List<String> podIps(PodStatus status) {
    List<String> ips = status.getPodIPs() == null ? List.of()
        : status.getPodIPs().stream().map(PodIP::getIp).filter(Objects::nonNull).toList();
    if (ips.isEmpty() && status.getPodIP() != null && !status.getPodIP().isEmpty()) {
      return List.of(status.getPodIP());
    }
    return ips;
  }

  private static List<String> hostIps(PodStatus status) {
    List<String> ips = status.getHostIPs() == null ? List.of()
        : status.getHostIPs().stream().map(HostIP::getIp).filter(Objects::nonNull).toList();
    if (ips.isEmpty() && status.getHostIP() != null && !status.getHostIP().isEmpty()) {
      return List.of(status.getHostIP());
    }
    return ips;
  }
}
