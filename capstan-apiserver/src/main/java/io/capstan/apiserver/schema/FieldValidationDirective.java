package io.capstan.apiserver.schema;

import java.util.Optional;

/**
 * The {@code fieldValidation} query parameter of create, update and patch requests: what the
 * server does with unknown and duplicate fields in the body.
 */
public enum FieldValidationDirective {
  /** Drop them silently. */
  IGNORE("Ignore"),
  /** Drop them and report each in a {@code Warning} response header (the default). */
  WARN("Warn"),
  /** Reject the request with 400 BadRequest. */
  STRICT("Strict");

  private final String value;

  FieldValidationDirective(String value) {
    this.value = value;
  }

  /** The query parameter value, e.g. {@code Strict}. */
  public String value() {
    return value;
  }

  /**
   * The directive a query parameter value asks for: an absent or empty value means
   * {@link #WARN}, as in Kubernetes; a value other than {@code Ignore}, {@code Warn} or
   * {@code Strict} (case-sensitive) gives empty, for the caller to reject.
   */
  public static Optional<FieldValidationDirective> parse(String queryValue) {
    if (queryValue == null || queryValue.isEmpty()) {
      return Optional.of(WARN);
    }
    for (FieldValidationDirective d : values()) {
      if (d.value.equals(queryValue)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
