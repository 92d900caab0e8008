package io.capstan.store.etcd;

/** What a member's version string says about the behaviour the store relies on. */
final class EtcdVersions {

  private EtcdVersions() {}

  /** Whether a member of {@code version} ("3.4.23") orders progress responses with its events. */
  static boolean ordersProgressRequests(String version) {
    String[] parts = version.split("[.+-]");
    if (parts.length < 3) {
      return false;
    }
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = Integer.parseInt(parts[1]);
      int patch = Integer.parseInt(parts[2]);
      if (major != 3) {
        return major > 3;
      }
      return minor > 5 || (minor == 5 && patch >= 13) || (minor == 4 && patch >= 31);
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
