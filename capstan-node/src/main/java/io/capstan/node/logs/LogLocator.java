package io.capstan.node.logs;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a container's log file for the node's log endpoint; the agent answers from what it runs.
 * Empty means the pod or container is unknown on this node, or (for {@code previous}) that the
 * container has not been restarted.
 */
public interface LogLocator {

  Optional<Path> current(String namespace, String pod, String container);

  Optional<Path> previous(String namespace, String pod, String container);
}
