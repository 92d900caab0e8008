package io.capstan.apiserver.resources;

import io.capstan.apiserver.resources.validation.Names;
import java.util.List;

/**
 * Which format an object name must have ({@code apimachinery/pkg/api/validation} name functions).
 * With {@code prefix} the value is a {@code generateName}, where a trailing dash is allowed.
 */
public enum NameRule {
  /** Most kinds: {@code NameIsDNSSubdomain}. */
  DNS1123_SUBDOMAIN,
  /** Namespaces: {@code NameIsDNSLabel}. */
  DNS1123_LABEL,
  /** Services: {@code NameIsDNS1035Label} (must start with a letter). */
  DNS1035_LABEL,
  /** Anything usable as a URL path segment ({@code ValidatePathSegmentName}). */
  PATH_SEGMENT;

  /** Kubernetes' explanation texts; empty when the name is valid. */
  public List<String> check(String name, boolean prefix) {
    return switch (this) {
      case DNS1123_SUBDOMAIN -> Names.dns1123Subdomain(prefix ? maskTrailingDash(name) : name);
      case DNS1123_LABEL -> Names.dns1123Label(prefix ? maskTrailingDash(name) : name);
      case DNS1035_LABEL -> Names.dns1035Label(prefix ? maskTrailingDash(name) : name);
      case PATH_SEGMENT -> Names.pathSegmentName(name, prefix);
    };
  }

  /** Upstream's {@code maskTrailingDash}, byte for byte: the last two characters become "a". */
  private static String maskTrailingDash(String name) {
    if (name.length() > 1 && name.endsWith("-")) {
      return name.substring(0, name.length() - 2) + "a";
    }
    return name;
  }
}
