package io.capstan.node.server;

import io.capstan.node.logs.LogLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds logs at {@code <root>/<namespace>/<pod>/<container>/{current,previous}.log}. */
record DirectoryLocator(Path root) implements LogLocator {

  Path current(String namespace, String pod, String container, boolean previous) {
    return root.resolve(namespace).resolve(pod).resolve(container)
        .resolve(previous ? "previous.log" : "current.log");
  }

  @Override
  public Optional<Path> current(String namespace, String pod, String container) {
    return Optional.of(current(namespace, pod, container, false)).filter(Files::exists);
  }

  @Override
  public Optional<Path> previous(String namespace, String pod, String container) {
    return Optional.of(current(namespace, pod, container, true)).filter(Files::exists);
  }
}
