package io.capstan.node.agent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The ConfigMaps and Secrets a pod reads, through volumes (also projected ones), {@code env}
 * references and {@code envFrom}: a change to one of them must reach the pod.
 */
final class ConfigReferences {

  /** What kind of object is referenced. */
  enum Kind {
    CONFIG_MAP,
    SECRET
  }

  private ConfigReferences() {}

  /** Every ConfigMap and Secret {@code pod} references, in its own namespace. */
  static Set<ConfigObject> objects(Pod pod) {
    String namespace = pod.getMetadata().getNamespace();
    Set<ConfigObject> objects = new HashSet<>();
    for (Kind kind : Kind.values()) {
      for (String name : names(pod, kind)) {
        objects.add(new ConfigObject(kind, namespace, name));
      }
    }
    return Set.copyOf(objects);
  }

  static Set<String> names(Pod pod, Kind kind) {
    List<String> names = new ArrayList<>();
    if (pod.getSpec().getVolumes() != null) {
      for (Volume volume : pod.getSpec().getVolumes()) {
        volumeNames(volume, kind, names);
      }
    }
    List<Container> containers = new ArrayList<>(pod.getSpec().getContainers());
    containers.addAll(PodRecord.initContainers(pod));
    for (Container container : containers) {
      if (container.getEnv() != null) {
        for (EnvVar env : container.getEnv()) {
          if (env.getValueFrom() == null) {
            continue;
          }
          if (kind == Kind.CONFIG_MAP && env.getValueFrom().getConfigMapKeyRef() != null) {
            names.add(env.getValueFrom().getConfigMapKeyRef().getName());
          }
          if (kind == Kind.SECRET && env.getValueFrom().getSecretKeyRef() != null) {
            names.add(env.getValueFrom().getSecretKeyRef().getName());
          }
        }
      }
      if (container.getEnvFrom() != null) {
        for (EnvFromSource from : container.getEnvFrom()) {
          if (kind == Kind.CONFIG_MAP && from.getConfigMapRef() != null) {
            names.add(from.getConfigMapRef().getName());
          }
          if (kind == Kind.SECRET && from.getSecretRef() != null) {
            names.add(from.getSecretRef().getName());
          }
        }
      }
    }
    // Names are optional in the API types; a missing one references nothing.
    return names.stream().filter(Objects::nonNull)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static void volumeNames(Volume volume, Kind kind, List<String> names) {
    if (kind == Kind.CONFIG_MAP && volume.getConfigMap() != null) {
      names.add(volume.getConfigMap().getName());
    }
    if (kind == Kind.SECRET && volume.getSecret() != null) {
      names.add(volume.getSecret().getSecretName());
    }
    if (volume.getProjected() != null && volume.getProjected().getSources() != null) {
      for (VolumeProjection source : volume.getProjected().getSources()) {
        if (kind == Kind.CONFIG_MAP && source.getConfigMap() != null) {
          names.add(source.getConfigMap().getName());
        }
        if (kind == Kind.SECRET && source.getSecret() != null) {
          names.add(source.getSecret().getName());
        }
      }
    }
  }
}
