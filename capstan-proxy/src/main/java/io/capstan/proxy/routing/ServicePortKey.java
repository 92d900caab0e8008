package io.capstan.proxy.routing;

/** One port of one Service; {@code portName} is "" for the unnamed port. */
public record ServicePortKey(String namespace, String service, String portName) {

  /** The Service's {@code namespace/name}. */
  public String serviceId() {
    return namespace + "/" + service;
  }

  @Override
  public String toString() {
    return serviceId() + ":" + portName;
  }
}
