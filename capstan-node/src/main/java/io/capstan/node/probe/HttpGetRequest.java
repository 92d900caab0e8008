package io.capstan.node.probe;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One GET request of an httpGet probe or hook, built as the kubelet's {@code
 * NewRequestForHTTPGetAction} builds it: scheme defaults to http, host to the pod IP, the port may
 * be a container port's name; headers are sent with canonical names, {@code User-Agent:
 * kube-probe/1.32} (or {@code kube-lifecycle/1.32}) and {@code Accept: *}{@code /*} are added
 * unless set, an {@code Accept} set to the empty string is dropped, and a {@code Host} header
 * replaces the request's host.
 */
record HttpGetRequest(
    String scheme, String host, int port, String target, List<Header> headers,
    Optional<String> hostHeader) {

  /** The Kubernetes minor version the kubelet's User-Agent names. */
  static final String KUBE_VERSION = "1.32";

  record Header(String name, String value) {}

  HttpGetRequest {
    headers = List.copyOf(headers);
  }

  /** {@code purpose} is {@code probe} or {@code lifecycle}, as in the kubelet's User-Agent. */
  static HttpGetRequest from(HTTPGetAction action, Container container, String podIp,
      String purpose) throws ContainerPorts.InvalidPortException {
    String scheme = action.getScheme() == null || action.getScheme().isEmpty() ? "http"
        : action.getScheme().toLowerCase(Locale.ROOT);
    String host = action.getHost() == null || action.getHost().isEmpty() ? podIp : action.getHost();
    int port = ContainerPorts.resolve(action.getPort(), container);
    List<Header> headers = new ArrayList<>();
    Optional<String> hostHeader = Optional.empty();
    boolean userAgent = false;
    boolean accept = false;
    if (action.getHttpHeaders() != null) {
      for (HTTPHeader header : action.getHttpHeaders()) {
        String name = canonicalName(header.getName() == null ? "" : header.getName());
        String value = header.getValue() == null ? "" : header.getValue();
        switch (name) {
          case "Host" -> {
            if (hostHeader.isEmpty()) {
              hostHeader = Optional.of(value);
            }
            continue;
          }
          case "User-Agent" -> userAgent = true;
          case "Accept" -> accept = true;
          default -> { }
        }
        headers.add(new Header(name, value));
      }
    }
    if (!userAgent) {
      headers.add(new Header("User-Agent", "kube-" + purpose + "/" + KUBE_VERSION));
    }
    if (!accept) {
      headers.add(new Header("Accept", "*/*"));
    } else if (firstValue(headers, "Accept").isEmpty()) {
      headers.removeIf(header -> header.name().equals("Accept"));
    }
    return new HttpGetRequest(scheme, host, port, target(action.getPath()), headers, hostHeader);
  }

  /** The URL as Go prints it in errors ({@code Get "http://10.0.0.5:8080/healthz": ...}). */
  String url() {
    return scheme + "://" + TcpDialer.joinHostPort(host, port) + target;
  }

  /** The Host header value: the override if one was given, else {@code host:port}. */
  String hostHeaderValue() {
    return hostHeader.orElse(TcpDialer.joinHostPort(host, port));
  }

  /**
   * The request a redirect leads to. As Go's client does, a custom Host header survives only a
   * relative Location (one without its own host).
   */
  HttpGetRequest redirectedTo(String location) throws URISyntaxException {
    URI next = new URI(url()).resolve(new URI(location.replace(" ", "%20")));
    String nextScheme = next.getScheme() == null ? scheme : next.getScheme().toLowerCase(Locale.ROOT);
    if (!nextScheme.equals("http") && !nextScheme.equals("https")) {
      throw new URISyntaxException(location, "unsupported protocol scheme \"" + nextScheme + "\"");
    }
    String nextHost = next.getHost() == null ? host : stripBrackets(next.getHost());
    int nextPort = next.getPort() > 0 ? next.getPort()
        : next.getHost() == null ? port : nextScheme.equals("https") ? 443 : 80;
    String path = next.getRawPath() == null || next.getRawPath().isEmpty() ? "/" : next.getRawPath();
    String nextTarget = next.getRawQuery() == null ? path : path + "?" + next.getRawQuery();
    boolean relative = !new URI(location.replace(" ", "%20")).isAbsolute();
    return new HttpGetRequest(nextScheme, nextHost, nextPort, nextTarget, headers,
        relative ? hostHeader : Optional.empty());
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static Optional<String> firstValue(List<Header> headers, String name) {
    return headers.stream().filter(h -> h.name().equals(name)).map(Header::value)
        .filter(value -> !value.isEmpty()).findFirst();
  }

  private static String target(String path) {
    String target = path == null || path.isEmpty() ? "/" : path;
    if (!target.startsWith("/")) {
      target = "/" + target;
    }
    return target.replace(" ", "%20");
  }

  /** Go's {@code CanonicalMIMEHeaderKey}: {@code x-request-id} is sent as {@code X-Request-Id}. */
  static String canonicalName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean token = c == '-' || Character.isLetterOrDigit(c) || "!#$%&'*+.^_`|~".indexOf(c) >= 0;
      if (!token || c > 127) {
        return name;
      }
    }
    StringBuilder out = new StringBuilder(name.length());
    boolean upper = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
      upper = c == '-';
    }
    return out.toString();
  }
}
