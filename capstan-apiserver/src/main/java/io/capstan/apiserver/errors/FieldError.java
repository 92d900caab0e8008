package io.capstan.apiserver.errors;

import java.util.Objects;

/**
 * One invalid field, as Kubernetes' {@code field.Error}: a type, a dotted path with map keys in
 * brackets ({@code spec.template.spec.containers[0].image}, {@code data[my key]}), the offending
 * value (rendered as Go would: ints and bools bare, strings quoted) and a detail sentence.
 */
public record FieldError(Type type, String field, Object value, String detail) {

  /** The error types with the {@code reason} Kubernetes puts in a Status cause. */
  public enum Type {
    INVALID("FieldValueInvalid", "Invalid value"),
    REQUIRED("FieldValueRequired", "Required value"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    FORBIDDEN("FieldValueForbidden", "Forbidden"),
    TOO_LONG("FieldValueTooLong", "Too long"),
    TOO_MANY("FieldValueTooMany", "Too many"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    NOT_FOUND("FieldValueNotFound", "Not found");

    private final String reason;
    private final String label;

    Type(String reason, String label) {
      this.reason = reason;
      this.label = label;
    }

    public String reason() {
      return reason;
    }

    public String label() {
      return label;
    }
  }

  /** Marks a value that is not shown in the message (Kubernetes' omitValue). */
  public static final Object OMIT = new Object() {
    @Override
    public String toString() {
      return "<omitted>";
    }
  };

  public FieldError {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(field, "field");
    detail = detail == null ? "" : detail;
  }

  public static FieldError invalid(String field, Object value, String detail) {
    return new FieldError(Type.INVALID, field, value, detail);
  }

  public static FieldError required(String field, String detail) {
    return new FieldError(Type.REQUIRED, field, OMIT, detail);
  }

  public static FieldError forbidden(String field, String detail) {
    return new FieldError(Type.FORBIDDEN, field, OMIT, detail);
  }

  public static FieldError duplicate(String field, Object value) {
    return new FieldError(Type.DUPLICATE, field, value, "");
  }

  public static FieldError notFound(String field, Object value) {
    return new FieldError(Type.NOT_FOUND, field, value, "");
  }

  /** {@code Unsupported value: "Never": supported values: "Always"}. */
  public static FieldError notSupported(String field, Object value, java.util.List<String> valid) {
    StringBuilder detail = new StringBuilder();
    if (!valid.isEmpty()) {
      detail.append("supported values: ");
      for (int i = 0; i < valid.size(); i++) {
        if (i > 0) {
          detail.append(", ");
        }
        detail.append('"').append(valid.get(i)).append('"');
      }
    }
    return new FieldError(Type.NOT_SUPPORTED, field, value, detail.toString());
  }

  /** {@code Too long: may not be more than 1048576 bytes}. */
  public static FieldError tooLong(String field, Object value, long max, String unit) {
    return new FieldError(Type.TOO_LONG, field, value,
        "may not be more than " + max + " " + unit);
  }

  public static FieldError tooMany(String field, long actual, long max) {
    return new FieldError(Type.TOO_MANY, field, actual, "must have at most " + max + " items");
  }

  /** The cause message: the body without the field, e.g. {@code Invalid value: 0: must be ...}. */
  public String body() {
    StringBuilder s = new StringBuilder(type.label());
    switch (type) {
      case REQUIRED, FORBIDDEN, TOO_LONG -> {
        if (!detail.isEmpty()) {
          s.append(": ").append(detail);
        }
        return s.toString();
      }
      default -> {
        if (value != OMIT) {
          s.append(": ").append(GoValue.render(value));
        }
        if (!detail.isEmpty()) {
          s.append(": ").append(detail);
        }
        return s.toString();
      }
    }
  }

  /** {@code field: body}, the form joined into a Status message. */
  public String message() {
    return field.isEmpty() ? body() : field + ": " + body();
  }
}
