package io.capstan.apiserver.selection;

import io.capstan.apiserver.errors.GoQuote;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders errors the way the Go code behind selectors prints them, so a 400 reads the same as
 * from Kubernetes: {@code field.Error} ({@code <path>: Invalid value: "x": detail}, a missing
 * path printing as {@code <nil>}) and {@code utilerrors.Aggregate} ({@code [a, b]}).
 */
final class GoErrors {

  private GoErrors() {}

  /** {@code field.Invalid(path, value, detail).Error()}; {@code path} null prints {@code <nil>}. */
  static String invalid(String path, Object value, String detail) {
    return (path == null ? "<nil>" : path) + ": Invalid value: " + render(value) + ": " + detail;
  }

  /** {@code field.NotSupported(...).Error()} with {@code supported values: "a", "b"}. */
  static String notSupported(String path, String value, List<String> supported) {
    StringBuilder s = new StringBuilder(path).append(": Unsupported value: ")
        .append(GoQuote.quote(value));
    if (!supported.isEmpty()) {
      s.append(": supported values: ");
      for (int i = 0; i < supported.size(); i++) {
        if (i > 0) {
          s.append(", ");
        }
        s.append(GoQuote.quote(supported.get(i)));
      }
    }
    return s.toString();
  }

  /** An aggregate's message: the single message, or distinct messages in brackets. */
  static String aggregate(List<String> messages) {
    Set<String> distinct = new LinkedHashSet<>(messages);
    if (distinct.size() == 1) {
      return distinct.iterator().next();
    }
    return "[" + String.join(", ", distinct) + "]";
  }

  /** Go's {@code %q} for strings and {@code %#v} for a nil or non-nil {@code []string}. */
  static String render(Object value) {
    if (value instanceof String s) {
      return GoQuote.quote(s);
    }
    if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        return "[]string(nil)";
      }
      StringBuilder s = new StringBuilder("[]string{");
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          s.append(", ");
        }
        s.append(GoQuote.quote(String.valueOf(list.get(i))));
      }
      return s.append('}').toString();
    }
    return String.valueOf(value);
  }

}
