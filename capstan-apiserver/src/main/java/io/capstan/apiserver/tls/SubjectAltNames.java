package io.capstan.apiserver.tls;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names a serving certificate must carry: DNS names (lower case) and IP addresses. Equality
 * of addresses is by their bytes, so {@code ::1} and {@code 0:0:0:0:0:0:0:1} are one address.
 */
public record SubjectAltNames(Set<String> dnsNames, Set<InetAddress> ipAddresses) {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  /** No names: what a client certificate carries. */
  public static final SubjectAltNames NONE = new SubjectAltNames(Set.of(), Set.of());

  public SubjectAltNames {
    dnsNames = Set.copyOf(new LinkedHashSet<>(dnsNames));
    ipAddresses = Set.copyOf(new LinkedHashSet<>(ipAddresses));
  }

  /**
   * Parses names such as {@code --tls-san} values: an IPv4 or IPv6 literal becomes an IP SAN,
   * anything else must be a DNS name (a leading {@code *.} wildcard allowed).
   *
   * @throws IllegalArgumentException naming the first value that is neither
   */
  public static SubjectAltNames parse(Collection<String> values) {
    Set<String> dns = new LinkedHashSet<>();
    Set<InetAddress> ips = new LinkedHashSet<>();
    for (String raw : values) {
      String value = raw.strip();
      if (value.contains(":") || IPV4.matcher(value).matches()) {
        ips.add(parseAddress(value));
      } else {
        dns.add(parseDnsName(value));
      }
    }
    return new SubjectAltNames(dns, ips);
  }

  /**
   * The default SANs of this machine ({@code localhost}, {@code 127.0.0.1}, {@code ::1}, the host
   * name and every address of an interface that is up, not loopback and not link-local) plus
   * {@code extra}, parsed as by {@link #parse}.
   */
  public static SubjectAltNames localDefaults(Collection<String> extra) {
    Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
    hostName().filter(SubjectAltNames::isDnsName).ifPresent(names::add);
    for (InetAddress address : interfaceAddresses()) {
      names.add(address.getHostAddress());
    }
    names.addAll(extra);
    return parse(names);
  }

  /** Whether every name of {@code wanted} is one of these. */
  public boolean covers(SubjectAltNames wanted) {
    return dnsNames.containsAll(wanted.dnsNames) && ipAddresses.containsAll(wanted.ipAddresses);
  }

  private static InetAddress parseAddress(String value) {
    String literal = value.startsWith("[") && value.endsWith("]")
        ? value.substring(1, value.length() - 1) : value;
    if (IPV4.matcher(literal).matches() && Arrays.stream(literal.split("\\."))
        .anyMatch(octet -> Integer.parseInt(octet) > 255)) {
      throw new IllegalArgumentException("'" + value + "' is not an IP address");
    }
    if (literal.contains("%")) {
      throw new IllegalArgumentException(
          "'" + value + "' has a zone; a certificate cannot name it");
    }
    try {
      // Only literals reach here (digits and dots, or a colon), so no name lookup happens.
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + value + "' is not an IP address", e);
    }
  }

  private static String parseDnsName(String value) {
    String name = value.toLowerCase(Locale.ROOT);
    String rest = name.startsWith("*.") ? name.substring(2) : name;
    boolean valid = !rest.isEmpty() && name.length() <= 253;
    for (String label : rest.split("\\.", -1)) {
      valid &= DNS_LABEL.matcher(label).matches();
    }
    if (!valid) {
      throw new IllegalArgumentException(
          "'" + value + "' is neither an IP address nor a DNS name such as 'capstan.example.com'");
    }
    return name;
  }

  private static boolean isDnsName(String value) {
    try {
      parseDnsName(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Optional<String> hostName() {
    try {
      return Optional.of(InetAddress.getLocalHost().getHostName())
          .filter(name -> !name.isBlank());
    } catch (UnknownHostException e) {
      // The host name does not resolve; the kernel still knows it.
      try {
        return Optional.of(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip())
            .filter(name -> !name.isBlank());
      } catch (IOException | RuntimeException unreadable) {
        return Optional.empty();
      }
    }
  }

  private static List<InetAddress> interfaceAddresses() {
    try {
      return NetworkInterface.networkInterfaces()
          .filter(SubjectAltNames::isUp)
          .flatMap(NetworkInterface::inetAddresses)
          .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress())
          .map(SubjectAltNames::withoutScope)
          .toList();
    } catch (SocketException e) {
      return List.of();
    }
  }

  private static boolean isUp(NetworkInterface nic) {
    try {
      return nic.isUp() && !nic.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }

  private static InetAddress withoutScope(InetAddress address) {
    if (address instanceof Inet6Address) {
      try {
        return InetAddress.getByAddress(address.getAddress());
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    return address;
  }
}
