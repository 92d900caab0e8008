package io.capstan.apiserver.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kubernetes' label key and value rules ({@code validation.IsQualifiedName},
 * {@code IsValidLabelValue}) with their exact messages. An empty list means valid.
 */
public final class LabelValidation {

  private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-',"
      + " '_' or '.', and must start and end with an alphanumeric character";
  private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);
  private static final int QUALIFIED_NAME_MAX = 63;

  private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
  private static final String LABEL_VALUE_MSG = "a valid label must be an empty string or consist"
      + " of alphanumeric characters, '-', '_' or '.', and must start and end with an"
      + " alphanumeric character";
  private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);
  private static final int LABEL_VALUE_MAX = 63;

  private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1123_SUBDOMAIN_FMT =
      DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
  private static final String DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must"
      + " consist of lower case alphanumeric characters, '-' or '.', and must start and end with"
      + " an alphanumeric character";
  private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);
  private static final int DNS1123_SUBDOMAIN_MAX = 253;

  private LabelValidation() {}

  /** A label key: an optional DNS subdomain prefix and {@code /}, then a name of 1-63 chars. */
  public static List<String> qualifiedNameErrors(String value) {
    List<String> errors = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    switch (parts.length) {
      case 1 -> name = parts[0];
      case 2 -> {
        String prefix = parts[0];
        name = parts[1];
        if (prefix.isEmpty()) {
          errors.add("prefix part must be non-empty");
        } else {
          for (String message : dns1123SubdomainErrors(prefix)) {
            errors.add("prefix part " + message);
          }
        }
      }
      default -> {
        errors.add("a qualified name " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT,
            "MyName", "my.name", "123-abc")
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        return errors;
      }
    }
    if (name.isEmpty()) {
      errors.add("name part must be non-empty");
    } else if (name.length() > QUALIFIED_NAME_MAX) {
      errors.add("name part " + maxLength(QUALIFIED_NAME_MAX));
    }
    if (!QUALIFIED_NAME.matcher(name).matches()) {
      errors.add("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT,
          "MyName", "my.name", "123-abc"));
    }
    return errors;
  }

  /** A label value: empty, or up to 63 alphanumerics, '-', '_', '.' starting and ending alphanumeric. */
  public static List<String> labelValueErrors(String value) {
    List<String> errors = new ArrayList<>();
    if (value.length() > LABEL_VALUE_MAX) {
      errors.add(maxLength(LABEL_VALUE_MAX));
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      errors.add(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
    }
    return errors;
  }

  static List<String> dns1123SubdomainErrors(String value) {
    List<String> errors = new ArrayList<>();
    if (value.length() > DNS1123_SUBDOMAIN_MAX) {
      errors.add(maxLength(DNS1123_SUBDOMAIN_MAX));
    }
    if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      errors.add(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, "example.com"));
    }
    return errors;
  }

  private static String maxLength(int length) {
    return "must be no more than " + length + " characters";
  }

  /**
   * {@code validation.RegexError}, including its quirk of a double space before each
   * {@code or}: {@code (e.g. 'MyName',  or 'my.name', regex used ...)}.
   */
  private static String regexError(String message, String format, String... examples) {
    StringBuilder s = new StringBuilder(message).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        s.append(" or ");
      }
      s.append('\'').append(examples[i]).append("', ");
    }
    return s.append("regex used for validation is '").append(format).append("')").toString();
  }
}
