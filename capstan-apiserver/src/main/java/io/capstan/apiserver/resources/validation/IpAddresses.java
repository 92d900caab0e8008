package io.capstan.apiserver.resources.validation;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * IP address and CIDR syntax as Kubernetes' {@code netutils.ParseIPSloppy} accepts it (IPv4 parts
 * may carry leading zeros; IPv6 may embed an IPv4 tail; no zones), with no name lookups, and the
 * field errors of {@code util/validation} built on it.
 */
public final class IpAddresses {

  private IpAddresses() {}

  /** A parsed address: 4 bytes for IPv4 (including IPv4-mapped IPv6), 16 for IPv6. */
  public record Ip(byte[] bytes) {

    public boolean isV4() {
      return bytes.length == 4;
    }

    int at(int i) {
      return bytes[i] & 0xff;
    }

    public boolean isUnspecified() {
      for (byte b : bytes) {
        if (b != 0) {
          return false;
        }
      }
      return true;
    }

    public boolean isLoopback() {
      if (isV4()) {
        return at(0) == 127;
      }
      for (int i = 0; i < 15; i++) {
        if (bytes[i] != 0) {
          return false;
        }
      }
      return at(15) == 1;
    }

    public boolean isLinkLocalUnicast() {
      return isV4() ? at(0) == 169 && at(1) == 254 : at(0) == 0xfe && (at(1) & 0xc0) == 0x80;
    }

    public boolean isLinkLocalMulticast() {
      return isV4() ? at(0) == 224 && at(1) == 0 && at(2) == 0
          : at(0) == 0xff && (at(1) & 0x0f) == 0x02;
    }
  }

  public static Optional<Ip> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    byte[] v4 = parseV4(text);
    if (v4 != null) {
      return Optional.of(new Ip(v4));
    }
    byte[] v6 = parseV6(text);
    if (v6 == null) {
      return Optional.empty();
    }
    boolean mapped = true;
    for (int i = 0; i < 10; i++) {
      mapped &= v6[i] == 0;
    }
    if (mapped && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff) {
      return Optional.of(new Ip(new byte[] {v6[12], v6[13], v6[14], v6[15]}));
    }
    return Optional.of(new Ip(v6));
  }

  /** Whether the text is an IPv6 address that is not IPv4-mapped. */
  public static boolean isV6(String text) {
    return parse(text).map(ip -> !ip.isV4()).orElse(false);
  }

  /** Whether the text is {@code address/prefix} with a prefix length that fits the family. */
  public static boolean isCidr(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String address = text.substring(0, slash);
    String mask = text.substring(slash + 1);
    int bits;
    if (parseV4(address) != null) {
      bits = 32;
    } else if (parseV6(address) != null) {
      bits = 128;
    } else {
      return false;
    }
    if (mask.isEmpty() || mask.length() > 3 || !mask.chars().allMatch(Character::isDigit)) {
      return false;
    }
    return Integer.parseInt(mask) <= bits;
  }

  /** Whether the CIDR's address is IPv6. */
  public static boolean isV6Cidr(String text) {
    int slash = text.indexOf('/');
    return slash > 0 && parseV4(text.substring(0, slash)) == null;
  }

  public static List<FieldError> validateIp(FieldPath path, String value) {
    if (parse(value).isEmpty()) {
      return List.of(FieldError.invalid(path.text(), value,
          "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
    }
    return List.of();
  }

  public static List<FieldError> validateIpv4(FieldPath path, String value) {
    if (parse(value).map(Ip::isV4).orElse(false)) {
      return List.of();
    }
    return List.of(FieldError.invalid(path.text(), value, "must be a valid IPv4 address"));
  }

  public static List<FieldError> validateIpv6(FieldPath path, String value) {
    if (parse(value).map(ip -> !ip.isV4()).orElse(false)) {
      return List.of();
    }
    return List.of(FieldError.invalid(path.text(), value, "must be a valid IPv6 address"));
  }

  public static List<FieldError> validateCidr(FieldPath path, String value) {
    if (isCidr(value)) {
      return List.of();
    }
    return List.of(FieldError.invalid(path.text(), value,
        "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
  }

  /**
   * Kubernetes' {@code ValidateNonSpecialIP}: endpoints and external IPs may not be unspecified,
   * loopback or link-local.
   */
  public static List<FieldError> validateNonSpecial(FieldPath path, String value) {
    List<FieldError> errs = new ArrayList<>();
    Optional<Ip> parsed = parse(value);
    if (parsed.isEmpty()) {
      errs.add(FieldError.invalid(path.text(), value, "must be a valid IP address"));
      return errs;
    }
    Ip ip = parsed.get();
    if (ip.isUnspecified()) {
      errs.add(FieldError.invalid(path.text(), value, "may not be unspecified (" + value + ")"));
    }
    if (ip.isLoopback()) {
      errs.add(FieldError.invalid(path.text(), value,
          "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
    }
    if (ip.isLinkLocalUnicast()) {
      errs.add(FieldError.invalid(path.text(), value,
          "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
    }
    if (ip.isLinkLocalMulticast()) {
      errs.add(FieldError.invalid(path.text(), value,
          "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
    }
    return errs;
  }

  /**
   * {@link #validateNonSpecial} for endpoint addresses, minus the loopback rule: on Capstan's
   * process runtime every pod, and the API server itself, is reached on a loopback address.
   */
  public static List<FieldError> validateEndpointAddress(FieldPath path, String value) {
    return validateNonSpecial(path, value).stream()
        .filter(e -> !e.detail().startsWith("may not be in the loopback range"))
        .toList();
  }

  /** Whether two addresses form a dual-stack pair: exactly one of each family. */
  public static boolean isDualStack(List<String> ips) {
    boolean v4 = false;
    boolean v6 = false;
    for (String text : ips) {
      Optional<Ip> ip = parse(text);
      if (ip.isEmpty()) {
        return false;
      }
      if (ip.get().isV4()) {
        v4 = true;
      } else {
        v6 = true;
      }
    }
    return v4 && v6;
  }

  private static byte[] parseV4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      String digits = p.replaceFirst("^0+(?=.)", "");
      if (digits.length() > 3 || Integer.parseInt(digits) > 255) {
        return null;
      }
      out[i] = (byte) Integer.parseInt(digits);
    }
    return out;
  }

  private static byte[] parseV6(String s) {
    byte[] ip = new byte[16];
    int ellipsis = -1;
    int i = 0;
    if (s.startsWith("::")) {
      ellipsis = 0;
      s = s.substring(2);
      if (s.isEmpty()) {
        return ip;
      }
    }
    while (i < 16) {
      int end = 0;
      while (end < s.length() && Character.digit(s.charAt(end), 16) >= 0 && end < 5) {
        end++;
      }
      if (end == 0 || end > 4) {
        return null;
      }
      if (end < s.length() && s.charAt(end) == '.') {
        if (ellipsis < 0 && i != 12 || i + 4 > 16) {
          return null;
        }
        byte[] v4 = parseV4(s);
        if (v4 == null) {
          return null;
        }
        System.arraycopy(v4, 0, ip, i, 4);
        i += 4;
        s = "";
        break;
      }
      int n = Integer.parseInt(s.substring(0, end), 16);
      ip[i] = (byte) (n >> 8);
      ip[i + 1] = (byte) n;
      i += 2;
      s = s.substring(end);
      if (s.isEmpty()) {
        break;
      }
      if (s.charAt(0) != ':' || s.length() == 1) {
        return null;
      }
      s = s.substring(1);
      if (s.charAt(0) == ':') {
        if (ellipsis >= 0) {
          return null;
        }
        ellipsis = i;
        s = s.substring(1);
        if (s.isEmpty()) {
          break;
        }
      }
    }
    if (!s.isEmpty()) {
      return null;
    }
    if (i < 16) {
      if (ellipsis < 0) {
        return null;
      }
      int n = 16 - i;
      for (int j = i - 1; j >= ellipsis; j--) {
        ip[j + n] = ip[j];
      }
      for (int j = ellipsis + n - 1; j >= ellipsis; j--) {
        ip[j] = 0;
      }
    } else if (ellipsis >= 0) {
      return null;
    }
    return ip;
  }
}
