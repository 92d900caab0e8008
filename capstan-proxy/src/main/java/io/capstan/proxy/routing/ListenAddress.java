package io.capstan.proxy.routing;

/** An address:port the proxy listens on for a service port. */
public record ListenAddress(String host, int port) {

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
