package io.capstan.store.etcd;

import io.grpc.Attributes;
import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;
import io.grpc.StatusOr;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands gRPC the fixed list of cluster members, so that one channel fails over between them
 * (pick-first tries them in order and moves on when its member goes away). Host names are resolved
 * on every refresh, which gRPC asks for after a connection fails.
 */
final class EndpointsNameResolver extends NameResolver {

  static final String SCHEME = "capstan-etcd";

  private final List<URI> endpoints;
  private Listener2 listener;

  private EndpointsNameResolver(List<URI> endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public String getServiceAuthority() {
    URI first = endpoints.getFirst();
    return first.getHost() + ":" + first.getPort();
  }

  @Override
  public void start(Listener2 newListener) {
    this.listener = newListener;
    resolve();
  }

  @Override
  public void refresh() {
    resolve();
  }

  private void resolve() {
    List<EquivalentAddressGroup> groups = new ArrayList<>();
    for (URI endpoint : endpoints) {
      InetSocketAddress address = new InetSocketAddress(endpoint.getHost(), endpoint.getPort());
      if (!address.isUnresolved()) {
        // With TLS each member's certificate is checked against its own name, not the first's.
        groups.add(new EquivalentAddressGroup(address, Attributes.newBuilder()
            .set(EquivalentAddressGroup.ATTR_AUTHORITY_OVERRIDE,
                endpoint.getHost() + ":" + endpoint.getPort())
            .build()));
      }
    }
    StatusOr<List<EquivalentAddressGroup>> addresses = groups.isEmpty()
        ? StatusOr.fromStatus(
            Status.UNAVAILABLE.withDescription("no etcd endpoint resolves: " + endpoints))
        : StatusOr.fromValue(groups);
    listener.onResult2(ResolutionResult.newBuilder().setAddressesOrError(addresses).build());
  }

  @Override
  public void shutdown() {}

  /** The factory for one channel: the endpoints are its own, not registered globally. */
  static NameResolver.Factory factory(List<URI> endpoints) {
    List<URI> copy = List.copyOf(endpoints);
    return new NameResolver.Factory() {
      @Override
      public NameResolver newNameResolver(URI target, Args args) {
        return SCHEME.equals(target.getScheme()) ? new EndpointsNameResolver(copy) : null;
      }

      @Override
      public String getDefaultScheme() {
        return SCHEME;
      }
    };
  }
}
