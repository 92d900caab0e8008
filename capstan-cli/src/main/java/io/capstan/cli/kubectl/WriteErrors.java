package io.capstan.cli.kubectl;

/**
 * kubectl's wording for a failed write of an object read from a file:
 * {@code Error from server (AlreadyExists): error when creating "web.yaml": deployments.apps "web"
 * already exists}.
 */
final class WriteErrors {

  private WriteErrors() {}

  static String when(String action, String source, Cluster.Reply reply) {
    String described = ServerErrors.describe(reply);
    int colon = described.indexOf(": ");
    if (colon < 0) {
      return described;
    }
    return described.substring(0, colon) + ": error when " + action + " \"" + source + "\": "
        + described.substring(colon + 2);
  }
}
