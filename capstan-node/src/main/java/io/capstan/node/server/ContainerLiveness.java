package io.capstan.node.server;

/**
 * Whether a container is still running, which decides when following its log ends: once it has
 * exited and its file is drained.
 */
@FunctionalInterface
public interface ContainerLiveness {

  boolean isRunning(String namespace, String pod, String container);
}
