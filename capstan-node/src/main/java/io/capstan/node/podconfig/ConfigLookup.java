package io.capstan.node.podconfig;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ConfigMaps and Secrets one resolution reads, each fetched once so that every reference in
 * it sees the same version (the kubelet keeps the same per-call maps), with the contents decoded:
 * ConfigMap {@code data} as UTF-8 and {@code binaryData} and Secret {@code data} from base64.
 * Contents are returned sorted by key, the order the API server serializes them in.
 */
final class ConfigLookup {

  private final ConfigSource source;
  private final String namespace;
  private final Map<String, Optional<ConfigMap>> configMaps = new HashMap<>();
  private final Map<String, Optional<Secret>> secrets = new HashMap<>();

  ConfigLookup(ConfigSource source, String namespace) {
    this.source = source;
    this.namespace = namespace;
  }

  String namespace() {
    return namespace;
  }

  Optional<ConfigMap> configMap(String name) {
    return configMaps.computeIfAbsent(name, n -> source.configMap(namespace, n));
  }

  Optional<Secret> secret(String name) {
    return secrets.computeIfAbsent(name, n -> source.secret(namespace, n));
  }

  /** The kubelet's cache answer for a missing ConfigMap, e.g. {@code configmap "x" not found}. */
  static ContainerConfigError configMapNotFound(String name) {
    return new ContainerConfigError("configmap \"" + name + "\" not found");
  }

  static ContainerConfigError secretNotFound(String name) {
    return new ContainerConfigError("secret \"" + name + "\" not found");
  }

  /** {@code data} as text; {@code binaryData} is not part of it (as in the kubelet's env). */
  static Map<String, String> textData(ConfigMap configMap) {
    return configMap.getData() == null ? Map.of() : new TreeMap<>(configMap.getData());
  }

  /** {@code data} then {@code binaryData}, as file contents. */
  static Map<String, byte[]> fileData(ConfigMap configMap) {
    Map<String, byte[]> files = new TreeMap<>();
    textData(configMap).forEach((k, v) -> files.put(k, v.getBytes(StandardCharsets.UTF_8)));
    if (configMap.getBinaryData() != null) {
      configMap.getBinaryData().forEach((k, v) -> files.put(k, decode(v)));
    }
    return files;
  }

  /** Secret {@code data}, base64-decoded ({@code stringData} is write-only and never stored). */
  static Map<String, byte[]> secretData(Secret secret) {
    Map<String, byte[]> data = new TreeMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> data.put(k, decode(v)));
    }
    return data;
  }

  private static byte[] decode(String base64) {
    return base64 == null ? new byte[0] : Base64.getMimeDecoder().decode(base64);
  }
}
