package io.capstan.apiserver.http;

import io.capstan.apiserver.registry.ResourceType;

/**
 * Which kinds answer a completed DELETE with the deleted object rather than a Success Status, as
 * their Kubernetes storage does ({@code ReturnDeletedObject}).
 */
final class ReturnDeleted {

  private ReturnDeleted() {}

  static boolean objectFor(ResourceType type) {
    return type.group().isEmpty()
        && (type.kind().equals("Pod") || type.kind().equals("Namespace")
            || type.kind().equals("Service"));
  }
}
