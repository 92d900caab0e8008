package io.capstan.controller.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;
import java.util.Optional;

/** Work-queue keys of objects: {@code namespace/name}, or just {@code name} for cluster objects. */
public final class Keys {

  private Keys() {}

  public static String of(HasMetadata object) {
    ObjectMeta meta = object.getMetadata();
    return of(meta.getNamespace(), meta.getName());
  }

  public static String of(String namespace, String name) {
    return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
  }

  /** The namespace part of a key; empty for cluster-scoped keys. */
  public static Optional<String> namespace(String key) {
    int slash = key.indexOf('/');
    return slash < 0 ? Optional.empty() : Optional.of(key.substring(0, slash));
  }

  /** The name part of a key. */
  public static String name(String key) {
    return key.substring(key.indexOf('/') + 1);
  }

  /**
   * Keys of the controlling owners of {@code object} of the given kind, in the object's namespace:
   * the mapper a controller uses to reconcile the owner when an owned object changes.
   */
  public static List<String> ofControllerOwner(HasMetadata object, String ownerKind) {
    List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
    if (owners == null) {
      return List.of();
    }
    return owners.stream()
        .filter(owner -> Boolean.TRUE.equals(owner.getController()))
        .filter(owner -> ownerKind.equals(owner.getKind()))
        .map(owner -> of(object.getMetadata().getNamespace(), owner.getName()))
        .toList();
  }
}
