package io.capstan.node.probe;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;

/**
 * Resolves the port of a probe or hook action as the kubelet does: a number is taken as is; a
 * string names one of the container's ports, and failing that is tried as a number (so {@code
 * "8080"} works); the result must lie in 1..65535.
 */
final class ContainerPorts {

  private ContainerPorts() {}

  static int resolve(IntOrString port, Container container) throws InvalidPortException {
    if (port == null) {
      throw new InvalidPortException("intOrString had no kind: <nil>");
    }
    int number;
    if (port.getIntVal() != null) {
      number = port.getIntVal();
    } else if (port.getStrVal() != null) {
      number = byName(port.getStrVal(), container);
    } else {
      throw new InvalidPortException("intOrString had no kind: " + port);
    }
    if (number > 0 && number < 65536) {
      return number;
    }
    throw new InvalidPortException("invalid port number: " + number);
  }

  private static int byName(String name, Container container) throws InvalidPortException {
    if (container.getPorts() != null) {
      for (ContainerPort candidate : container.getPorts()) {
        if (name.equals(candidate.getName()) && candidate.getContainerPort() != null) {
          return candidate.getContainerPort();
        }
      }
    }
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException notNumeric) {
      throw new InvalidPortException("strconv.Atoi: parsing \"" + name + "\": invalid syntax");
    }
  }

  /** The port of an action cannot be resolved; the probe errors rather than fails. */
  static final class InvalidPortException extends Exception {
    InvalidPortException(String message) {
      super(message);
    }
  }
}
