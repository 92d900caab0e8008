package io.capstan.node.runtime;

/**
 * A runtime call that failed. {@link #reason()} is the Kubernetes-style reason the agent shows in
 * the container's waiting state (e.g. {@code RunContainerError}, {@code ErrImagePull},
 * {@code CreateContainerError}); the message says what happened in words a user can act on.
 */
public class RuntimeFailure extends Exception {

  private final String reason;

  public RuntimeFailure(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public RuntimeFailure(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
