package io.capstan.cli.kubectl;

import java.util.Iterator;
import java.util.List;

/** The resource types offered by shell completion after {@code get}. */
final class ResourceTypeCandidates implements Iterable<String> {

  private static final List<String> TYPES = List.of("all", "configmaps", "deployments",
      "endpoints", "events", "leases", "namespaces", "nodes", "pods", "replicasets", "secrets",
      "serviceaccounts", "services", "endpointslices");

  @Override
  public Iterator<String> iterator() {
    return TYPES.iterator();
  }
}
