package io.capstan.node.podconfig;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapProjection;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretProjection;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The files of configMap, secret, downwardAPI and projected volumes (service-account tokens from
 * a {@link TokenSource}), as the kubelet's volume plugins compute them ({@code MakePayload},
 * {@code CollectData}, {@code collectData}): every key as a file with the default mode, or only
 * the listed {@code items} at their paths with their own modes. A missing object fails unless the
 * volume is optional, in which case it counts as empty; a listed key that is missing fails unless
 * optional. Errors carry upstream's messages.
 */
final class VolumePayloads {

  static final int DEFAULT_MODE = 0644;
  /** The API's default for {@code serviceAccountToken.expirationSeconds}. */
  static final long DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;

  private final ConfigSource source;
  private final ResourceFields resourceFields;

  VolumePayloads(ConfigSource source, ResourceFields resourceFields) {
    this.source = source;
    this.resourceFields = resourceFields;
  }

  Map<String, FileProjection> configMap(Pod pod, ConfigMapVolumeSource volume)
      throws ContainerConfigError {
    boolean optional = Boolean.TRUE.equals(volume.getOptional());
    return configMapFiles(pod, volume.getName(), volume.getItems(), mode(volume.getDefaultMode()),
        optional);
  }

  Map<String, FileProjection> secret(Pod pod, SecretVolumeSource volume)
      throws ContainerConfigError {
    boolean optional = Boolean.TRUE.equals(volume.getOptional());
    return secretFiles(pod, volume.getSecretName(), volume.getItems(),
        mode(volume.getDefaultMode()), optional);
  }

  Map<String, FileProjection> downwardApi(Pod pod, List<DownwardAPIVolumeFile> items,
      Integer defaultMode) throws ContainerConfigError {
    Map<String, FileProjection> files = new TreeMap<>();
    List<String> errors = new ArrayList<>();
    for (DownwardAPIVolumeFile item : items == null ? List.<DownwardAPIVolumeFile>of() : items) {
      int mode = item.getMode() != null ? item.getMode() : mode(defaultMode);
      String value = "";
      try {
        if (item.getFieldRef() != null) {
          value = DownwardFields.metadataValue(pod, item.getFieldRef().getFieldPath());
        } else if (item.getResourceFieldRef() != null) {
          value = resourceFields.value(item.getResourceFieldRef(), pod, null);
        }
      } catch (ContainerConfigError e) {
        errors.add(e.getMessage());
      }
      files.put(item.getPath(), file(value.getBytes(StandardCharsets.UTF_8), mode));
    }
    throwAggregate(errors);
    return files;
  }

  Map<String, FileProjection> projected(Pod pod, String volumeName, ProjectedVolumeSource volume)
      throws ContainerConfigError {
    int defaultMode = mode(volume.getDefaultMode());
    Map<String, FileProjection> files = new TreeMap<>();
    List<String> errors = new ArrayList<>();
    for (VolumeProjection projection : volume.getSources() == null
        ? List.<VolumeProjection>of() : volume.getSources()) {
      try {
        files.putAll(projection(pod, volumeName, projection, defaultMode));
      } catch (ContainerConfigError e) {
        errors.add(e.getMessage());
      }
    }
    throwAggregate(errors);
    return files;
  }

  private Map<String, FileProjection> projection(Pod pod, String volumeName,
      VolumeProjection projection, int defaultMode) throws ContainerConfigError {
    if (projection.getSecret() != null) {
      SecretProjection s = projection.getSecret();
      return secretFiles(pod, s.getName(), s.getItems(), defaultMode,
          Boolean.TRUE.equals(s.getOptional()));
    }
    if (projection.getConfigMap() != null) {
      ConfigMapProjection c = projection.getConfigMap();
      return configMapFiles(pod, c.getName(), c.getItems(), defaultMode,
          Boolean.TRUE.equals(c.getOptional()));
    }
    if (projection.getDownwardAPI() != null) {
      return downwardApi(pod, projection.getDownwardAPI().getItems(), defaultMode);
    }
    if (projection.getServiceAccountToken() != null) {
      return serviceAccountToken(pod, volumeName, projection.getServiceAccountToken(),
          defaultMode);
    }
    throw new ContainerConfigError("projected volume \"" + volumeName
        + "\": only configMap, secret and downwardAPI sources are supported by this node");
  }

  /**
   * The token file. A source that cannot reach the TokenRequest API refuses: writing no token (or
   * a fake one) would let the pod start and fail later, obscurely.
   */
  private Map<String, FileProjection> serviceAccountToken(Pod pod, String volumeName,
      ServiceAccountTokenProjection projection, int defaultMode) throws ContainerConfigError {
    if (!(source instanceof TokenSource tokens)) {
      throw new ContainerConfigError("projected volume \"" + volumeName
          + "\": serviceAccountToken sources are not supported by this node");
    }
    Optional<String> audience = Optional.ofNullable(projection.getAudience())
        .filter(a -> !a.isEmpty());
    long expirationSeconds = projection.getExpirationSeconds() == null
        ? DEFAULT_TOKEN_EXPIRATION_SECONDS : projection.getExpirationSeconds();
    String token = tokens.serviceAccountToken(pod, audience, expirationSeconds);
    return Map.of(projection.getPath(), file(token.getBytes(StandardCharsets.UTF_8), defaultMode));
  }

  private Map<String, FileProjection> configMapFiles(Pod pod, String name, List<KeyToPath> items,
      int defaultMode, boolean optional) throws ContainerConfigError {
    Optional<ConfigMap> configMap = source.configMap(pod.getMetadata().getNamespace(), name);
    if (configMap.isEmpty() && !optional) {
      throw ConfigLookup.configMapNotFound(name);
    }
    Map<String, byte[]> data = configMap.map(ConfigLookup::fileData).orElse(Map.of());
    return payload(data, items, defaultMode, optional,
        "configmap references non-existent config key: ");
  }

  private Map<String, FileProjection> secretFiles(Pod pod, String name, List<KeyToPath> items,
      int defaultMode, boolean optional) throws ContainerConfigError {
    Optional<Secret> secret = source.secret(pod.getMetadata().getNamespace(), name);
    if (secret.isEmpty() && !optional) {
      throw ConfigLookup.secretNotFound(name);
    }
    Map<String, byte[]> data = secret.map(ConfigLookup::secretData).orElse(Map.of());
    return payload(data, items, defaultMode, optional, "references non-existent secret key: ");
  }

  private static Map<String, FileProjection> payload(Map<String, byte[]> data,
      List<KeyToPath> items, int defaultMode, boolean optional, String missingKeyMessage)
      throws ContainerConfigError {
    Map<String, FileProjection> files = new TreeMap<>();
    if (items == null || items.isEmpty()) {
      data.forEach((k, v) -> files.put(k, file(v, defaultMode)));
      return files;
    }
    for (KeyToPath item : items) {
      byte[] value = data.get(item.getKey());
      if (value == null) {
        if (optional) {
          continue;
        }
        throw new ContainerConfigError(missingKeyMessage + item.getKey());
      }
      files.put(item.getPath(), file(value, item.getMode() != null ? item.getMode() : defaultMode));
    }
    return files;
  }

  private static FileProjection file(byte[] data, int mode) {
    return new FileProjection(data, mode);
  }

  private static int mode(Integer mode) {
    return mode == null ? DEFAULT_MODE : mode;
  }

  /** Go's {@code utilerrors.NewAggregate}: one message as is, several as {@code [a, b]}. */
  private static void throwAggregate(List<String> errors) throws ContainerConfigError {
    if (errors.size() == 1) {
      throw new ContainerConfigError(errors.get(0));
    }
    if (errors.size() > 1) {
      throw new ContainerConfigError("[" + String.join(", ", errors) + "]");
    }
  }
}
