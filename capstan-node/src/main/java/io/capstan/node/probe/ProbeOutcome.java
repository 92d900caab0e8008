package io.capstan.node.probe;

/**
 * The result of running a probe's action once, before thresholds apply. The four kinds are the
 * kubelet's: a {@link Kind#WARNING} (an HTTP redirect to another host that was not followed) counts
 * as a success; an {@link Kind#UNKNOWN} is an error of the prober itself (an unresolvable named
 * port, a runtime that failed to exec) and is thrown away without counting towards either
 * threshold.
 */
record ProbeOutcome(Kind kind, String message) {

  enum Kind {
    SUCCESS,
    WARNING,
    FAILURE,
    UNKNOWN
  }

  ProbeOutcome {
    message = message == null ? "" : message;
  }

  static ProbeOutcome success(String message) {
    return new ProbeOutcome(Kind.SUCCESS, message);
  }

  static ProbeOutcome warning(String message) {
    return new ProbeOutcome(Kind.WARNING, message);
  }

  static ProbeOutcome failure(String message) {
    return new ProbeOutcome(Kind.FAILURE, message);
  }

  static ProbeOutcome unknown(String message) {
    return new ProbeOutcome(Kind.UNKNOWN, message);
  }

  /** Whether the outcome counts as a success for thresholds (a warning does). */
  boolean succeeded() {
    return kind == Kind.SUCCESS || kind == Kind.WARNING;
  }
}
