package io.capstan.apiserver.selection;

import java.util.Map;
import java.util.Objects;

/**
 * One term of a field selector: {@code field=value} (also written {@code ==}) or
 * {@code field!=value}. The value is already unescaped.
 */
public record FieldTerm(String field, boolean equal, String value) {

  public FieldTerm {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
  }

  /** A field the object does not have compares as the empty string, as in Kubernetes. */
  public boolean matches(Map<String, String> fields) {
    return fields.getOrDefault(field, "").equals(value) == equal;
  }

  /** Canonical form, the value escaped: {@code metadata.name=a\,b}. */
  @Override
  public String toString() {
    return field + (equal ? "=" : "!=") + FieldSelector.escapeValue(value);
  }
}
