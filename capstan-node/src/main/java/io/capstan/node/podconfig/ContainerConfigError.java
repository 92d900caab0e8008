package io.capstan.node.podconfig;

/**
 * A container cannot be created because configuration it needs is missing: Kubernetes' waiting
 * reason {@code CreateContainerConfigError} with a message naming what is missing, e.g.
 * {@code configmap "config-dev" not found} or
 * {@code couldn't find key DB_URL in ConfigMap default/config-dev}.
 */
public final class ContainerConfigError extends Exception {

  public static final String REASON = "CreateContainerConfigError";

  public ContainerConfigError(String message) {
    super(message);
  }
}
