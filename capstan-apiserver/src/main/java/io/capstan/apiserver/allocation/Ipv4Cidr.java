package io.capstan.apiserver.allocation;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 network such as {@code 127.96.0.0/12}, in canonical form (host bits zero).
 *
 * @param base the network address as an unsigned 32-bit number
 * @param prefix the prefix length, 0 to 32
 */
public record Ipv4Cidr(long base, int prefix) {

  private static final Pattern ADDRESS =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  /** Parses {@code a.b.c.d/n}; empty unless it is a canonical IPv4 CIDR. */
  public static Optional<Ipv4Cidr> parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    OptionalLong address = parseAddress(text.substring(0, slash));
    String bits = text.substring(slash + 1);
    if (address.isEmpty() || !bits.matches("\\d{1,2}")) {
      return Optional.empty();
    }
    int prefix = Integer.parseInt(bits);
    if (prefix > 32 || (address.getAsLong() & ~mask(prefix) & 0xFFFF_FFFFL) != 0) {
      return Optional.empty();
    }
    return Optional.of(new Ipv4Cidr(address.getAsLong(), prefix));
  }

  /** Dotted-quad IPv4 without leading zeros, as Go's {@code netip} accepts it. */
  public static OptionalLong parseAddress(String text) {
    Matcher m = ADDRESS.matcher(text);
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    long value = 0;
    for (int i = 1; i <= 4; i++) {
      String part = m.group(i);
      if (part.length() > 1 && part.charAt(0) == '0' || Integer.parseInt(part) > 255) {
        return OptionalLong.empty();
      }
      value = value << 8 | Integer.parseInt(part);
    }
    return OptionalLong.of(value);
  }

  public static String format(long address) {
    return (address >>> 24 & 0xFF) + "." + (address >>> 16 & 0xFF) + "."
        + (address >>> 8 & 0xFF) + "." + (address & 0xFF);
  }

  private static long mask(int prefix) {
    return prefix == 0 ? 0 : 0xFFFF_FFFFL << (32 - prefix) & 0xFFFF_FFFFL;
  }

  /** How many addresses the network spans, network and broadcast address included. */
  public long size() {
    return 1L << (32 - prefix);
  }

  /** The address {@code offset} places after the network address. */
  public String address(long offset) {
    return format(base + offset);
  }

  /** The offset of {@code ip} from the network address, if it is an IPv4 address inside. */
  public OptionalLong offsetOf(String ip) {
    OptionalLong address = parseAddress(ip);
    if (address.isEmpty() || (address.getAsLong() & mask(prefix)) != base) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(address.getAsLong() - base);
  }

  public boolean overlaps(Ipv4Cidr other) {
    int shorter = Math.min(prefix, other.prefix);
    return (base & mask(shorter)) == (other.base & mask(shorter));
  }

  @Override
  public String toString() {
    return format(base) + "/" + prefix;
  }
}
