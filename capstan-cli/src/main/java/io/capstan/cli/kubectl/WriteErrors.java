package io.capstan.cli.kubectl;

/**
 * kubectl's wording for a failed write of an object read from a file:
 * {@code Error from server (AlreadyExists): error when creating "web.yaml": deployments.apps "web"
 * already exists}. An invalid object is reported as everywhere else, without the file: kubectl
 * builds that sentence from the Status details, not from its message.
 */
final class WriteErrors {

  private WriteErrors() {}

  static String when(String action, String source, Cluster.Reply reply) {
    String described = ServerErrors.describe(reply);
    if (ServerErrors.isInvalid(reply)) {
      return described;
    }
    int colon = described.indexOf(": ");
    if (colon < 0) {
      return described;
    }
    return described.substring(0, colon) + ": error when " + action + " \"" + source + "\": "
        + described.substring(colon + 2);
  }
}
