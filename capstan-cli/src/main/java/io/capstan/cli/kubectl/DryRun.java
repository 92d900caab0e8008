package io.capstan.cli.kubectl;

/** kubectl's {@code --dry-run}: nothing sent, sent with {@code dryRun=All}, or for real. */
enum DryRun {
  NONE, CLIENT, SERVER;

  static DryRun parse(String value) {
    return switch (value) {
      case "none", "false" -> NONE;
      case "client", "true" -> CLIENT;
      case "server" -> SERVER;
      default -> throw new KubectlError("error: Invalid dry-run value (" + value
          + "). Must be \"none\", \"server\", or \"client\".");
    };
  }

  /** What kubectl appends to its "created" line. */
  String suffix() {
    return switch (this) {
      case NONE -> "";
      case CLIENT -> " (dry run)";
      case SERVER -> " (server dry run)";
    };
  }

  /** The query that makes the server validate without storing. */
  String query() {
    return this == SERVER ? "?dryRun=All" : "";
  }
}
