package io.capstan.apiserver.resources.pod;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Container image references as the kubelet's {@code parsers.ParseImageName} reads them (the
 * grammar of {@code distribution/reference}), for the {@code imagePullPolicy} default.
 */
final class ImageNames {

  private static final String ALNUM = "[a-z0-9]+";
  private static final String SEPARATOR = "(?:[._]|__|[-]+)";
  private static final String PATH_COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
  private static final Pattern PATH =
      Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final Pattern DOMAIN = Pattern.compile("(?:" + DOMAIN_COMPONENT + "(?:\\."
      + DOMAIN_COMPONENT + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile(
      "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");

  private ImageNames() {}

  /**
   * The tag the kubelet would pull: the explicit tag, {@code latest} when there is neither tag
   * nor digest, empty for a digest-only reference; nothing when the reference does not parse.
   */
  static Optional<String> tag(String image) {
    String rest = image;
    boolean digested = false;
    int at = rest.indexOf('@');
    if (at >= 0) {
      if (!DIGEST.matcher(rest.substring(at + 1)).matches()) {
        return Optional.empty();
      }
      rest = rest.substring(0, at);
      digested = true;
    }
    String tag = "";
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      if (!TAG.matcher(tag).matches()) {
        return Optional.empty();
      }
      rest = rest.substring(0, colon);
    }
    if (rest.isEmpty() || rest.length() > 255 || !validName(rest)) {
      return Optional.empty();
    }
    if (tag.isEmpty() && !digested) {
      return Optional.of("latest");
    }
    return Optional.of(tag);
  }

  /** {@code Always} for {@code :latest} or an untagged image, else {@code IfNotPresent}. */
  static String defaultPullPolicy(String image) {
    return tag(image).filter("latest"::equals).isPresent() ? "Always" : "IfNotPresent";
  }

  private static boolean validName(String name) {
    int slash = name.indexOf('/');
    if (slash > 0) {
      String first = name.substring(0, slash);
      boolean isDomain = first.contains(".") || first.contains(":") || first.equals("localhost")
          || !first.equals(first.toLowerCase(java.util.Locale.ROOT));
      if (isDomain) {
        return DOMAIN.matcher(first).matches() && PATH.matcher(name.substring(slash + 1)).matches();
      }
    }
    return PATH.matcher(name).matches();
  }
}
