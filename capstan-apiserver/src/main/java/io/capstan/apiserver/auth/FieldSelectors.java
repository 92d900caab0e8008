package io.capstan.apiserver.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads exact-match requirements out of a field selector such as {@code
 * spec.nodeName=n1,metadata.namespace=default}, as Kubernetes' RequiresExactMatch does: a term
 * {@code f=v} or {@code f==v} requires {@code v}; {@code f!=v} requires nothing.
 */
final class FieldSelectors {

  private FieldSelectors() {}

  static Optional<String> requiredValue(String selector, String field) {
    for (String term : splitTerms(selector)) {
      if (term.contains("!=")) {
        continue;
      }
      int eq = term.indexOf('=');
      if (eq < 0 || !term.substring(0, eq).trim().equals(field)) {
        continue;
      }
      String value = term.substring(eq + 1);
      if (value.startsWith("=")) {
        value = value.substring(1);
      }
      return Optional.of(unescape(value.trim()));
    }
    return Optional.empty();
  }

  /** Splits on commas that are not escaped with a backslash. */
  private static List<String> splitTerms(String selector) {
    List<String> terms = new ArrayList<>();
    StringBuilder term = new StringBuilder();
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '\\' && i + 1 < selector.length()) {
        term.append(c).append(selector.charAt(++i));
      } else if (c == ',') {
        terms.add(term.toString());
        term.setLength(0);
      } else {
        term.append(c);
      }
    }
    terms.add(term.toString());
    return terms;
  }

  private static String unescape(String value) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        c = value.charAt(++i);
      }
      s.append(c);
    }
    return s.toString();
  }
}
