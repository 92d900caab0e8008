package io.capstan.store.etcd;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The members of an etcd cluster, written as {@code etcd://h1:2379,h2:2379}. The {@code etcd}
 * scheme means plaintext HTTP/2; a TLS scheme would be added here together with the channel
 * credentials in {@link EtcdStore.Options}.
 */
public final class EtcdEndpoints {

  static final String SCHEME = "etcd://";
  static final int DEFAULT_PORT = 2379;

  private EtcdEndpoints() {}

  /** The client URLs ({@code http://host:port}) of the members named in {@code spec}. */
  public static List<URI> parse(String spec) {
    if (!spec.startsWith(SCHEME)) {
      throw new IllegalArgumentException(
          "etcd endpoints must look like etcd://host:port,...: " + spec);
    }
    List<URI> endpoints = new ArrayList<>();
    for (String member : spec.substring(SCHEME.length()).split(",", -1)) {
      String hostPort = member.strip();
      if (hostPort.endsWith("/")) {
        hostPort = hostPort.substring(0, hostPort.length() - 1);
      }
      if (hostPort.isEmpty()) {
        throw new IllegalArgumentException("empty etcd endpoint in " + spec);
      }
      URI uri = URI.create("http://" + hostPort);
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("not a host:port: " + member);
      }
      int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
      endpoints.add(URI.create("http://" + uri.getHost() + ":" + port));
    }
    return List.copyOf(endpoints);
  }
}
