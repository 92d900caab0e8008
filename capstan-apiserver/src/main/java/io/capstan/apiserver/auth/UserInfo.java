package io.capstan.apiserver.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An authenticated user: a name and the groups it belongs to, as Kubernetes' user.Info. */
public record UserInfo(String name, List<String> groups) {

  public static final String MASTERS = "system:masters";
  public static final String NODES = "system:nodes";
  public static final String AUTHENTICATED = "system:authenticated";
  public static final String SERVICE_ACCOUNTS = "system:serviceaccounts";
  public static final String ADMIN = "admin";

  public static final String PROXIES = "system:capstan-proxies";
  public static final String CONTROLLER_MANAGER = "system:kube-controller-manager";

  private static final String NODE_PREFIX = "system:node:";
  private static final String PROXY_PREFIX = "system:capstan-proxy:";
  private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

  public UserInfo {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a user needs a name");
    }
    groups = List.copyOf(groups);
  }

  /** The administrator: {@code admin} in {@code system:masters}. */
  public static UserInfo admin() {
    return new UserInfo(ADMIN, List.of(MASTERS));
  }

  /** A node's credential: {@code system:node:<name>} in {@code system:nodes}. */
  public static UserInfo node(String nodeName) {
    return new UserInfo(NODE_PREFIX + nodeName, List.of(NODES));
  }

  /**
   * A node's service proxy: {@code system:capstan-proxy:<name>} in {@code system:capstan-proxies}.
   * It reads what every proxy reads (Services, EndpointSlices, pods) but not what the node's
   * kubelet may, and the kubelet's credential cannot read what the proxy reads.
   */
  public static UserInfo proxy(String nodeName) {
    return new UserInfo(PROXY_PREFIX + nodeName, List.of(PROXIES));
  }

  /**
   * A service account: {@code system:serviceaccount:<ns>:<name>} in {@code
   * system:serviceaccounts} and {@code system:serviceaccounts:<ns>}.
   */
  public static UserInfo serviceAccount(String namespace, String name) {
    return new UserInfo(SERVICE_ACCOUNT_PREFIX + namespace + ":" + name,
        List.of(SERVICE_ACCOUNTS, serviceAccountsGroup(namespace)));
  }

  /** {@code system:serviceaccounts:<ns>}, the group of one namespace's service accounts. */
  public static String serviceAccountsGroup(String namespace) {
    return SERVICE_ACCOUNTS + ":" + namespace;
  }

  public boolean inGroup(String group) {
    return groups.contains(group);
  }

  /** The node's name when this is a node's identity (name and group both say so). */
  public Optional<String> nodeName() {
    if (!inGroup(NODES) || !name.startsWith(NODE_PREFIX) || name.length() == NODE_PREFIX.length()) {
      return Optional.empty();
    }
    return Optional.of(name.substring(NODE_PREFIX.length()));
  }

  /** The node whose proxy this is, when it is a node proxy's identity. */
  public Optional<String> proxyNodeName() {
    if (!inGroup(PROXIES) || !name.startsWith(PROXY_PREFIX)
        || name.length() == PROXY_PREFIX.length()) {
      return Optional.empty();
    }
    return Optional.of(name.substring(PROXY_PREFIX.length()));
  }

  /** Whether this is a service account's identity, e.g. from a mounted token. */
  public boolean isServiceAccount() {
    return name.startsWith(SERVICE_ACCOUNT_PREFIX) || inGroup(SERVICE_ACCOUNTS);
  }

  /** This user with {@code system:authenticated} added, as every authenticated request gets it. */
  public UserInfo withAuthenticatedGroup() {
    if (inGroup(AUTHENTICATED)) {
      return this;
    }
    List<String> all = new ArrayList<>(groups);
    all.add(AUTHENTICATED);
    return new UserInfo(name, all);
  }
}
