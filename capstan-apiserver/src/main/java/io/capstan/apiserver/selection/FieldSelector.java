package io.capstan.apiserver.selection;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.errors.GoQuote;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A Kubernetes field selector ({@code fieldSelector} query parameter), a port of
 * {@code k8s.io/apimachinery/pkg/fields/selector.go}: comma-separated terms, all of which must
 * hold, each {@code field=value}, {@code field==value} or {@code field!=value}. In values,
 * {@code \,}, {@code \=} and {@code \\} stand for the literal characters; the field is taken up
 * to the first operator and is not unescaped.
 *
 * <p>Terms are sorted by their text, as Kubernetes does, which decides which unsupported field
 * {@link #requireSupported} reports first.
 */
public final class FieldSelector {

  private static final FieldSelector EVERYTHING = new FieldSelector(List.of());
  private static final String[] OPERATORS = {"!=", "==", "="};

  private final List<FieldTerm> terms;

  private FieldSelector(List<FieldTerm> terms) {
    this.terms = terms;
  }

  public static FieldSelector everything() {
    return EVERYTHING;
  }

  /**
   * Parses a field selector; an empty string selects everything.
   *
   * @throws ApiException 400, e.g. {@code invalid selector: 'a'; can't understand 'a'}
   */
  public static FieldSelector parse(String selector) {
    if (selector == null || selector.isEmpty()) {
      return EVERYTHING;
    }
    List<String> parts = splitTerms(selector);
    parts.sort(null);
    List<FieldTerm> terms = new ArrayList<>();
    for (String part : parts) {
      if (part.isEmpty()) {
        continue;
      }
      FieldTerm term = splitTerm(part);
      if (term == null) {
        throw ApiException.badRequest(
            "invalid selector: '" + selector + "'; can't understand '" + part + "'");
      }
      terms.add(term);
    }
    return terms.isEmpty() ? EVERYTHING : new FieldSelector(List.copyOf(terms));
  }

  /** Splits on commas that are not escaped; escapes stay in the terms. */
  private static List<String> splitTerms(String selector) {
    List<String> terms = new ArrayList<>();
    int start = 0;
    boolean inSlash = false;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (inSlash) {
        inSlash = false;
      } else if (c == '\\') {
        inSlash = true;
      } else if (c == ',') {
        terms.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    terms.add(selector.substring(start));
    return terms;
  }

  /** The field up to the first operator; {@code !=} and {@code ==} win over {@code =}. */
  private static FieldTerm splitTerm(String term) {
    for (int i = 0; i < term.length(); i++) {
      for (String operator : OPERATORS) {
        if (term.startsWith(operator, i)) {
          String value = unescapeValue(term.substring(i + operator.length()));
          return new FieldTerm(term.substring(0, i), !operator.equals("!="), value);
        }
      }
    }
    return null;
  }

  /**
   * Undoes {@link #escapeValue}. A backslash before anything but {@code \ , =}, a trailing
   * backslash, or a bare {@code ,} or {@code =} is an error.
   */
  static String unescapeValue(String value) {
    if (value.indexOf('\\') < 0 && value.indexOf(',') < 0 && value.indexOf('=') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    boolean inSlash = false;
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      i += Character.charCount(c);
      if (inSlash) {
        if (c != '\\' && c != ',' && c != '=') {
          throw ApiException.badRequest("invalid field selector: invalid escape sequence: \\"
              + Character.toString(c));
        }
        out.appendCodePoint(c);
        inSlash = false;
      } else if (c == '\\') {
        inSlash = true;
      } else if (c == ',' || c == '=') {
        // Go prints the rune with %v, that is as its number: '=' reads 61.
        throw ApiException.badRequest(
            "invalid field selector: unescaped character in value: " + c);
      } else {
        out.appendCodePoint(c);
      }
    }
    if (inSlash) {
      throw ApiException.badRequest("invalid field selector: invalid escape sequence: \\");
    }
    return out.toString();
  }

  /** Escapes {@code \}, {@code ,} and {@code =} so any string can be a selector value. */
  public static String escapeValue(String value) {
    return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
  }

  /** Whether every term holds; fields absent from {@code fieldValues} compare as {@code ""}. */
  public boolean matches(Map<String, String> fieldValues) {
    for (FieldTerm term : terms) {
      if (!term.matches(fieldValues)) {
        return false;
      }
    }
    return true;
  }

  public boolean isEmpty() {
    return terms.isEmpty();
  }

  public List<FieldTerm> terms() {
    return terms;
  }

  /** The field names the selector uses, in term order. */
  public Set<String> fields() {
    Set<String> fields = new LinkedHashSet<>();
    terms.forEach(t -> fields.add(t.field()));
    return fields;
  }

  /**
   * Rejects a selector on a field the resource does not index, with the message of the
   * field-label conversion built-in kinds register: {@code field label not supported: spec.foo}.
   */
  public void requireSupported(Collection<String> supportedFields) {
    for (FieldTerm term : terms) {
      if (!supportedFields.contains(term.field())) {
        throw ApiException.badRequest("field label not supported: " + term.field());
      }
    }
  }

  /**
   * The check for kinds without a conversion of their own (custom resources): only
   * {@code metadata.name} and {@code metadata.namespace}, with Kubernetes' default message.
   */
  public void requireMetadataFieldsOnly() {
    for (FieldTerm term : terms) {
      if (!term.field().equals("metadata.name") && !term.field().equals("metadata.namespace")) {
        throw ApiException.badRequest(GoQuote.quote(term.field())
            + " is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
      }
    }
  }

  /**
   * {@code RequiresExactMatch}: the value the first {@code field=value} term demands, so a
   * lookup can be narrowed ({@code metadata.name}, {@code metadata.namespace}).
   */
  public Optional<String> requiresExactMatch(String field) {
    return terms.stream()
        .filter(t -> t.equal() && t.field().equals(field))
        .map(FieldTerm::value)
        .findFirst();
  }

  @Override
  public String toString() {
    StringJoiner joined = new StringJoiner(",");
    terms.forEach(t -> joined.add(t.toString()));
    return joined.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldSelector that && terms.equals(that.terms);
  }

  @Override
  public int hashCode() {
    return terms.hashCode();
  }
}
