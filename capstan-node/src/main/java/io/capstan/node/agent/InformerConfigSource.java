package io.capstan.node.agent;

import io.capstan.node.podconfig.ConfigSource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * A {@link ConfigSource} over two informers (ConfigMaps and Secrets in every namespace), so the
 * agent resolves references from memory and learns of every change. Each change is reported to a
 * listener as (kind, {@code namespace/name}), which the agent uses to refresh the pods that read
 * the object.
 */
public final class InformerConfigSource implements ConfigSource, AutoCloseable {

  private final SharedIndexInformer<ConfigMap> configMaps;
  private final SharedIndexInformer<Secret> secrets;

  private InformerConfigSource(SharedIndexInformer<ConfigMap> configMaps,
      SharedIndexInformer<Secret> secrets) {
    this.configMaps = configMaps;
    this.secrets = secrets;
  }

  /** Starts both informers and returns once both have listed. */
  static InformerConfigSource start(KubernetesClient client,
      BiConsumer<ConfigReferences.Kind, String> onChange) {
    SharedIndexInformer<ConfigMap> configMaps = client.configMaps().inAnyNamespace()
        .inform(handler(ConfigReferences.Kind.CONFIG_MAP, onChange), 0);
    SharedIndexInformer<Secret> secrets = client.secrets().inAnyNamespace()
        .inform(handler(ConfigReferences.Kind.SECRET, onChange), 0);
    return new InformerConfigSource(configMaps, secrets);
  }

  private static <T extends HasMetadata> ResourceEventHandler<T> handler(
      ConfigReferences.Kind kind, BiConsumer<ConfigReferences.Kind, String> onChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        onChange.accept(kind, key(object));
      }

      @Override
      public void onUpdate(T oldObject, T newObject) {
        onChange.accept(kind, key(newObject));
      }

      @Override
      public void onDelete(T object, boolean deletedFinalStateUnknown) {
        onChange.accept(kind, key(object));
      }
    };
  }

  private static String key(HasMetadata object) {
    return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }

  @Override
  public Optional<ConfigMap> configMap(String namespace, String name) {
    return Optional.ofNullable(configMaps.getIndexer().getByKey(namespace + "/" + name));
  }

  @Override
  public Optional<Secret> secret(String namespace, String name) {
    return Optional.ofNullable(secrets.getIndexer().getByKey(namespace + "/" + name));
  }

  @Override
  public void close() {
    configMaps.close();
    secrets.close();
  }
}
