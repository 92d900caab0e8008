package io.capstan.node.podconfig;

import io.capstan.node.runtime.ContainerConfig;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * {@link ContainerInputs} computed the way the kubelet's {@code makeEnvironmentVariables},
 * {@code ExpandContainerCommandAndArgs} and {@code makeMounts} do.
 *
 * <p>Environment: every {@code envFrom} source in order (each key with the source's prefix), then
 * every {@code env} entry in order; a later definition of a name replaces the value of an earlier
 * one. A plain {@code value} is {@code $(VAR)}-expanded against the variables defined so far and
 * then the service variables; a {@code valueFrom} is resolved from its ConfigMap, Secret, pod
 * field or resource; an optional reference to a missing object or key defines nothing (an earlier
 * definition stays). The result is the defined variables followed by the service variables not
 * otherwise defined. The kubelet collects the variables in a Go map, so its order is arbitrary;
 * here each name keeps the position of its first definition, so restarts give the same order.
 *
 * <p>Since Kubernetes 1.30 the kubelet no longer drops {@code envFrom} keys that are not C
 * identifiers (the API validates names; {@code RelaxedEnvironmentVariableValidation}), so
 * neither does this.
 *
 * <p>Service variables ({@code FOO_SERVICE_HOST} and the like) are computed elsewhere; they come
 * in through the constructor. Node allocatable amounts stand in for unset cpu, memory and
 * ephemeral-storage limits in {@code resourceFieldRef}s; without them such values are {@code 0}.
 */
public final class KubeletContainerInputs implements ContainerInputs {

  private final ConfigSource source;
  private final Map<String, String> serviceEnv;
  private final ResourceFields resourceFields;

  public KubeletContainerInputs(ConfigSource source) {
    this(source, Map.of(), Map.of());
  }

  /**
   * @param serviceEnv service-link variables, lowest precedence, appended after the container's
   * @param allocatable the node's allocatable resources by name ({@code cpu}, {@code memory}, ...)
   */
  public KubeletContainerInputs(ConfigSource source, Map<String, String> serviceEnv,
      Map<String, Quantity> allocatable) {
    this.source = source;
    this.serviceEnv = Map.copyOf(serviceEnv);
    this.resourceFields = new ResourceFields(allocatable);
  }

  @Override
  public Resolved resolve(Pod pod, Container container, Map<String, Path> volumes)
      throws ContainerConfigError {
    List<ContainerConfig.EnvVar> env = environment(pod, container);
    Map<String, String> envMap = new LinkedHashMap<>();
    env.forEach(e -> envMap.put(e.name(), e.value()));
    UnaryOperator<String> mapping = VariableExpansion.mappingFor(List.of(envMap));
    List<String> command = expandAll(container.getCommand(), mapping);
    List<String> args = expandAll(container.getArgs(), mapping);
    List<ContainerConfig.Mount> mounts = VolumeMounts.resolve(container, volumes, envMap);
    return new Resolved(command, args, env, mounts);
  }

  /** The container's environment, in the order described on the class. */
  public List<ContainerConfig.EnvVar> environment(Pod pod, Container container)
      throws ContainerConfigError {
    ConfigLookup lookup = new ConfigLookup(source, pod.getMetadata().getNamespace());
    Map<String, String> defined = new LinkedHashMap<>();
    for (EnvFromSource from : nullToEmpty(container.getEnvFrom())) {
      addEnvFrom(lookup, from, defined);
    }
    UnaryOperator<String> mapping = VariableExpansion.mappingFor(List.of(defined, serviceEnv));
    for (EnvVar var : nullToEmpty(container.getEnv())) {
      String value = var.getValue() == null ? "" : var.getValue();
      if (!value.isEmpty()) {
        value = VariableExpansion.expand(value, mapping);
      } else if (var.getValueFrom() != null) {
        Optional<String> resolved = valueFrom(lookup, pod, container, var.getValueFrom());
        if (resolved.isEmpty()) {
          continue;
        }
        value = resolved.get();
      }
      defined.put(var.getName(), value);
    }
    List<ContainerConfig.EnvVar> result = new ArrayList<>();
    defined.forEach((k, v) -> result.add(new ContainerConfig.EnvVar(k, v)));
    new TreeMap<>(serviceEnv).forEach((k, v) -> {
      if (!defined.containsKey(k)) {
        result.add(new ContainerConfig.EnvVar(k, v));
      }
    });
    return result;
  }

  private static void addEnvFrom(ConfigLookup lookup, EnvFromSource from,
      Map<String, String> defined) throws ContainerConfigError {
    String prefix = from.getPrefix() == null ? "" : from.getPrefix();
    if (from.getConfigMapRef() != null) {
      String name = from.getConfigMapRef().getName();
      var configMap = lookup.configMap(name);
      if (configMap.isEmpty()) {
        if (Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
          return;
        }
        throw ConfigLookup.configMapNotFound(name);
      }
      ConfigLookup.textData(configMap.get()).forEach((k, v) -> defined.put(prefix + k, v));
    } else if (from.getSecretRef() != null) {
      String name = from.getSecretRef().getName();
      var secret = lookup.secret(name);
      if (secret.isEmpty()) {
        if (Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
          return;
        }
        throw ConfigLookup.secretNotFound(name);
      }
      ConfigLookup.secretData(secret.get())
          .forEach((k, v) -> defined.put(prefix + k, new String(v, StandardCharsets.UTF_8)));
    }
  }

  /** The value of a {@code valueFrom}; empty when an optional reference finds nothing. */
  private Optional<String> valueFrom(ConfigLookup lookup, Pod pod, Container container,
      EnvVarSource from) throws ContainerConfigError {
    if (from.getFieldRef() != null) {
      return Optional.of(DownwardFields.envValue(from.getFieldRef(), pod));
    }
    if (from.getResourceFieldRef() != null) {
      return Optional.of(resourceFields.value(from.getResourceFieldRef(), pod, container));
    }
    if (from.getConfigMapKeyRef() != null) {
      return configMapKey(lookup, from.getConfigMapKeyRef());
    }
    if (from.getSecretKeyRef() != null) {
      return secretKey(lookup, from.getSecretKeyRef());
    }
    // No source the kubelet knows: the variable is defined empty, as upstream.
    return Optional.of("");
  }

  private static Optional<String> configMapKey(ConfigLookup lookup, ConfigMapKeySelector ref)
      throws ContainerConfigError {
    boolean optional = Boolean.TRUE.equals(ref.getOptional());
    var configMap = lookup.configMap(ref.getName());
    if (configMap.isEmpty()) {
      if (optional) {
        return Optional.empty();
      }
      throw ConfigLookup.configMapNotFound(ref.getName());
    }
    String value = ConfigLookup.textData(configMap.get()).get(ref.getKey());
    if (value == null && !optional) {
      throw new ContainerConfigError("couldn't find key " + ref.getKey() + " in ConfigMap "
          + lookup.namespace() + "/" + ref.getName());
    }
    return Optional.ofNullable(value);
  }

  private static Optional<String> secretKey(ConfigLookup lookup, SecretKeySelector ref)
      throws ContainerConfigError {
    boolean optional = Boolean.TRUE.equals(ref.getOptional());
    var secret = lookup.secret(ref.getName());
    if (secret.isEmpty()) {
      if (optional) {
        return Optional.empty();
      }
      throw ConfigLookup.secretNotFound(ref.getName());
    }
    byte[] value = ConfigLookup.secretData(secret.get()).get(ref.getKey());
    if (value == null && !optional) {
      throw new ContainerConfigError("couldn't find key " + ref.getKey() + " in Secret "
          + lookup.namespace() + "/" + ref.getName());
    }
    return Optional.ofNullable(value).map(v -> new String(v, StandardCharsets.UTF_8));
  }

  private static List<String> expandAll(List<String> values, UnaryOperator<String> mapping) {
    return nullToEmpty(values).stream().map(v -> VariableExpansion.expand(v, mapping)).toList();
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
