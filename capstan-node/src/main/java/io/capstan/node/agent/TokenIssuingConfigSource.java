package io.capstan.node.agent;

import io.capstan.node.podconfig.ConfigSource;
import io.capstan.node.podconfig.ContainerConfigError;
import io.capstan.node.podconfig.TokenSource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/**
 * The agent's ConfigMaps and Secrets together with its service-account tokens: what the pod
 * volumes read, so that projected volumes can hold a {@code serviceAccountToken} file.
 */
record TokenIssuingConfigSource(ConfigSource configs, TokenSource tokens)
    implements ConfigSource, TokenSource {

  @Override
  public Optional<ConfigMap> configMap(String namespace, String name) {
    return configs.configMap(namespace, name);
  }

  @Override
  public Optional<Secret> secret(String namespace, String name) {
    return configs.secret(namespace, name);
  }

  @Override
  public String serviceAccountToken(Pod pod, Optional<String> audience, long expirationSeconds)
      throws ContainerConfigError {
    return tokens.serviceAccountToken(pod, audience, expirationSeconds);
  }
}
