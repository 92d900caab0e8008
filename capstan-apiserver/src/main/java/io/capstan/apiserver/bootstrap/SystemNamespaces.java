package io.capstan.apiserver.bootstrap;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.registry.GenericRegistry;
import io.capstan.apiserver.registry.WriteOptions;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** The namespaces every Kubernetes cluster has from the start. */
public final class SystemNamespaces {

  public static final List<String> NAMES =
      List.of("default", "kube-system", "kube-public", "kube-node-lease");

  private SystemNamespaces() {}

  /** Creates whichever of them is missing; existing ones are left as they are. */
  public static void ensure(GenericRegistry namespaces) {
    for (String name : NAMES) {
      ObjectNode namespace = Json.object();
      namespace.put("apiVersion", "v1");
      namespace.put("kind", "Namespace");
      namespace.putObject("metadata").put("name", name)
          .putObject("labels").put("kubernetes.io/metadata.name", name);
      try {
        namespaces.create("", namespace, WriteOptions.DEFAULT);
      } catch (ApiException e) {
        if (e.code() != 409) {
          throw e;
        }
      }
    }
  }
}
