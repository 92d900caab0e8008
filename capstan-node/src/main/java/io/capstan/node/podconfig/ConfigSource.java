package io.capstan.node.podconfig;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/**
 * Where the agent reads the ConfigMaps and Secrets its pods reference: in the agent, a cache fed by
 * watches, so a missing object is known without a request and an edit arrives within moments.
 */
public interface ConfigSource {

  Optional<ConfigMap> configMap(String namespace, String name);

  Optional<Secret> secret(String namespace, String name);
}
