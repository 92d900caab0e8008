package io.capstan.proxy.routing;

/**
 * One address:port connections may be sent to.
 *
 * @param podUid the uid of the pod behind it (the slice endpoint's targetRef), "" when none
 */
public record Endpoint(String address, int port, String podUid) implements Comparable<Endpoint> {

  @Override
  public int compareTo(Endpoint other) {
    int byAddress = address.compareTo(other.address);
    return byAddress != 0 ? byAddress : Integer.compare(port, other.port);
  }

  @Override
  public String toString() {
    return address + ":" + port;
  }
}
