package io.capstan.node.podconfig;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ConfigSource} over maps, for tests: objects are put and removed by hand. */
final class MapConfigSource implements ConfigSource {

  private final Map<String, ConfigMap> configMaps = new ConcurrentHashMap<>();
  private final Map<String, Secret> secrets = new ConcurrentHashMap<>();

  MapConfigSource putConfigMap(String namespace, String name, Map<String, String> data) {
    return putConfigMap(namespace, name, data, Map.of());
  }

  MapConfigSource putConfigMap(String namespace, String name, Map<String, String> data,
      Map<String, byte[]> binaryData) {
    Map<String, String> binary = new LinkedHashMap<>();
    binaryData.forEach((k, v) -> binary.put(k, Base64.getEncoder().encodeToString(v)));
    configMaps.put(namespace + "/" + name, new ConfigMapBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
        .withData(data).withBinaryData(binary).build());
    return this;
  }

  /** Stores the secret as the API does: {@code data} base64-encoded. */
  MapConfigSource putSecret(String namespace, String name, Map<String, String> plain) {
    Map<String, String> data = new LinkedHashMap<>();
    plain.forEach((k, v) -> data.put(k,
        Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    secrets.put(namespace + "/" + name, new SecretBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
        .withData(data).build());
    return this;
  }

  void removeConfigMap(String namespace, String name) {
    configMaps.remove(namespace + "/" + name);
  }

  void removeSecret(String namespace, String name) {
    secrets.remove(namespace + "/" + name);
  }

  @Override
  public Optional<ConfigMap> configMap(String namespace, String name) {
    return Optional.ofNullable(configMaps.get(namespace + "/" + name));
  }

  @Override
  public Optional<Secret> secret(String namespace, String name) {
    return Optional.ofNullable(secrets.get(namespace + "/" + name));
  }
}
