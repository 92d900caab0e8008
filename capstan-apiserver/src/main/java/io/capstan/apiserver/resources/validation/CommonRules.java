package io.capstan.apiserver.resources.validation;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Nodes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** Field-error builders for the formats used all over the core API. */
public final class CommonRules {

  public static final String NEGATIVE = "must be greater than or equal to 0";
  public static final String IMMUTABLE = "field is immutable";

  private CommonRules() {}

  public static List<FieldError> nonNegative(long value, FieldPath path) {
    return value < 0 ? List.of(FieldError.invalid(path.text(), value, NEGATIVE)) : List.of();
  }

  /** One Invalid error per message of a format check. */
  public static List<FieldError> format(String value, FieldPath path,
      Function<String, List<String>> check) {
    List<FieldError> errs = new ArrayList<>();
    for (String msg : check.apply(value)) {
      errs.add(FieldError.invalid(path.text(), value, msg));
    }
    return errs;
  }

  public static List<FieldError> dnsLabel(String value, FieldPath path) {
    return format(value, path, Names::dns1123Label);
  }

  public static List<FieldError> dnsSubdomain(String value, FieldPath path) {
    return format(value, path, Names::dns1123Subdomain);
  }

  public static List<FieldError> qualifiedName(String value, FieldPath path) {
    return format(value, path, Names::qualifiedName);
  }

  /** {@code ValidateImmutableField}: semantic equality, the new value shown. */
  public static List<FieldError> immutable(JsonNode now, JsonNode before, FieldPath path) {
    if (Nodes.semanticEquals(now, before)) {
      return List.of();
    }
    return List.of(FieldError.invalid(path.text(), shown(now), IMMUTABLE));
  }

  /** A value as an error shows it: scalars as Go prints them, absent as {@code null}. */
  public static Object shown(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (value.isString()) {
      return value.asString();
    }
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    return value;
  }

  /** {@code ValidatePortNumOrName} for an int-or-string port; absent reads as int 0. */
  public static List<FieldError> portNumOrName(JsonNode port, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (port != null && port.isString()) {
      for (String msg : Names.portName(port.asString())) {
        errs.add(FieldError.invalid(path.text(), port.asString(), msg));
      }
    } else {
      long value = port != null && port.isNumber() ? port.asLong() : 0;
      for (String msg : Names.portNumber(value)) {
        errs.add(FieldError.invalid(path.text(), value, msg));
      }
    }
    return errs;
  }

  /** {@code NotSupported} unless the value is one of {@code allowed}; empty gives Required. */
  public static List<FieldError> oneOf(String value, FieldPath path, List<String> allowed,
      boolean requireNonEmpty) {
    if (value.isEmpty() && requireNonEmpty) {
      return List.of(FieldError.required(path.text(), ""));
    }
    if (allowed.contains(value)) {
      return List.of();
    }
    return List.of(FieldError.notSupported(path.text(), value, allowed));
  }
}
