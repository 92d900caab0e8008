package io.capstan.cli.kubectl;

/**
 * A failure that ends the command with kubectl's text on standard error and exit code 1, such as
 * {@code error: the server doesn't have a resource type "foo"}.
 */
final class KubectlError extends RuntimeException {

  KubectlError(String message) {
    super(message, null, false, false);
  }
}
