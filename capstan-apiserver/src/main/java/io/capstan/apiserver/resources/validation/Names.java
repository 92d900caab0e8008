package io.capstan.apiserver.resources.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The string formats of {@code k8s.io/apimachinery/pkg/util/validation} (v1.32), each returning
 * Kubernetes' own explanation texts, empty when the value is valid.
 */
public final class Names {

  public static final int DNS1123_LABEL_MAX = 63;
  public static final int DNS1123_SUBDOMAIN_MAX = 253;

  private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1123_SUBDOMAIN_FMT =
      DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
  private static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
  private static final String CONFIG_MAP_KEY_FMT = "[-._a-zA-Z0-9]+";
  private static final String ENV_VAR_NAME_FMT = "[-._a-zA-Z][-._a-zA-Z0-9]*";
  private static final String C_IDENTIFIER_FMT = "[A-Za-z_][A-Za-z0-9_]*";
  private static final String PERCENT_FMT = "[0-9]+%";
  private static final String HTTP_HEADER_NAME_FMT = "[-A-Za-z0-9]+";

  private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);
  private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);
  private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FMT);
  private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);
  private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);
  private static final Pattern CONFIG_MAP_KEY = Pattern.compile(CONFIG_MAP_KEY_FMT);
  private static final Pattern ENV_VAR_NAME = Pattern.compile(ENV_VAR_NAME_FMT);
  private static final Pattern C_IDENTIFIER = Pattern.compile(C_IDENTIFIER_FMT);
  private static final Pattern PERCENT = Pattern.compile(PERCENT_FMT);
  private static final Pattern HTTP_HEADER_NAME = Pattern.compile(HTTP_HEADER_NAME_FMT);
  private static final Pattern PORT_NAME_CHARSET = Pattern.compile("[-a-z0-9]+");
  private static final Pattern ONE_LETTER = Pattern.compile(".*[a-z].*");

  private static final String QUALIFIED_NAME_ERR = "must consist of alphanumeric characters, '-', '_'"
      + " or '.', and must start and end with an alphanumeric character";

  private Names() {}

  /** Length in bytes, as Go's {@code len} counts. */
  static int byteLength(String value) {
    return value.getBytes(StandardCharsets.UTF_8).length;
  }

  public static String maxLenError(int length) {
    return "must be no more than " + length + " characters";
  }

  public static String regexError(String message, String format, String... examples) {
    if (examples.length == 0) {
      return message + " (regex used for validation is '" + format + "')";
    }
    StringBuilder s = new StringBuilder(message).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        s.append(" or ");
      }
      s.append('\'').append(examples[i]).append("', ");
    }
    return s.append("regex used for validation is '").append(format).append("')").toString();
  }

  public static String emptyError() {
    return "must be non-empty";
  }

  public static String inclusiveRangeError(long lo, long hi) {
    return "must be between " + lo + " and " + hi + ", inclusive";
  }

  public static List<String> dns1123Label(String value) {
    List<String> errs = new ArrayList<>();
    if (byteLength(value) > DNS1123_LABEL_MAX) {
      errs.add(maxLenError(DNS1123_LABEL_MAX));
    }
    if (!DNS1123_LABEL.matcher(value).matches()) {
      if (DNS1123_SUBDOMAIN.matcher(value).matches()) {
        errs.add("must not contain dots");
      } else {
        errs.add(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric"
            + " characters or '-', and must start and end with an alphanumeric character",
            DNS1123_LABEL_FMT, "my-name", "123-abc"));
      }
    }
    return errs;
  }

  public static List<String> dns1123Subdomain(String value) {
    List<String> errs = new ArrayList<>();
    if (byteLength(value) > DNS1123_SUBDOMAIN_MAX) {
      errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX));
    }
    if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      errs.add(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
          + " characters, '-' or '.', and must start and end with an alphanumeric character",
          DNS1123_SUBDOMAIN_FMT, "example.com"));
    }
    return errs;
  }

  public static List<String> dns1035Label(String value) {
    List<String> errs = new ArrayList<>();
    if (byteLength(value) > DNS1123_LABEL_MAX) {
      errs.add(maxLenError(DNS1123_LABEL_MAX));
    }
    if (!DNS1035_LABEL.matcher(value).matches()) {
      errs.add(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or"
          + " '-', start with an alphabetic character, and end with an alphanumeric character",
          DNS1035_LABEL_FMT, "my-name", "abc-123"));
    }
    return errs;
  }

  /** A "qualified name": label keys, annotation keys, finalizers, condition types. */
  public static List<String> qualifiedName(String value) {
    List<String> errs = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    switch (parts.length) {
      case 1 -> name = parts[0];
      case 2 -> {
        String prefix = parts[0];
        name = parts[1];
        if (prefix.isEmpty()) {
          errs.add("prefix part " + emptyError());
        } else {
          for (String msg : dns1123Subdomain(prefix)) {
            errs.add("prefix part " + msg);
          }
        }
      }
      default -> {
        errs.add("a qualified name " + regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT,
            "MyName", "my.name", "123-abc")
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        return errs;
      }
    }
    if (name.isEmpty()) {
      errs.add("name part " + emptyError());
    } else if (byteLength(name) > DNS1123_LABEL_MAX) {
      errs.add("name part " + maxLenError(DNS1123_LABEL_MAX));
    }
    if (!QUALIFIED_NAME.matcher(name).matches()) {
      errs.add("name part " + regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT,
          "MyName", "my.name", "123-abc"));
    }
    return errs;
  }

  public static List<String> labelValue(String value) {
    List<String> errs = new ArrayList<>();
    if (byteLength(value) > DNS1123_LABEL_MAX) {
      errs.add(maxLenError(DNS1123_LABEL_MAX));
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      errs.add(regexError("a valid label must be an empty string or consist of alphanumeric"
          + " characters, '-', '_' or '.', and must start and end with an alphanumeric character",
          LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
    }
    return errs;
  }

  /** A key of a ConfigMap or Secret. */
  public static List<String> configMapKey(String value) {
    List<String> errs = new ArrayList<>();
    if (byteLength(value) > DNS1123_SUBDOMAIN_MAX) {
      errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX));
    }
    if (!CONFIG_MAP_KEY.matcher(value).matches()) {
      errs.add(regexError("a valid config key must consist of alphanumeric characters, '-', '_'"
          + " or '.'", CONFIG_MAP_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
    }
    errs.addAll(chDirPrefix(value));
    return errs;
  }

  /** The strict environment variable rule, used when relaxed validation is off. */
  public static List<String> envVarName(String value) {
    List<String> errs = new ArrayList<>();
    if (!ENV_VAR_NAME.matcher(value).matches()) {
      errs.add(regexError("a valid environment variable name must consist of alphabetic"
          + " characters, digits, '_', '-', or '.', and must not start with a digit",
          ENV_VAR_NAME_FMT, "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
    }
    errs.addAll(chDirPrefix(value));
    return errs;
  }

  /**
   * The rule of {@code RelaxedEnvironmentVariableValidation}, beta and on by default in v1.32:
   * any printable ASCII character except {@code =}.
   */
  public static List<String> relaxedEnvVarName(String value) {
    List<String> errs = new ArrayList<>();
    if (value.isEmpty()) {
      errs.add("environment variable name " + emptyError());
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > 0x7e || c < 0x20 || c == '=') {
        errs.add("a valid environment variable name must consist only of printable ASCII"
            + " characters other than '='");
        break;
      }
    }
    return errs;
  }

  public static List<String> cIdentifier(String value) {
    if (C_IDENTIFIER.matcher(value).matches()) {
      return List.of();
    }
    return List.of(regexError("a valid C identifier must start with alphabetic character or '_',"
        + " followed by a string of alphanumeric characters or '_'", C_IDENTIFIER_FMT,
        "my_name", "MY_NAME", "MyName"));
  }

  /** An IANA service name, as container and service port names must be. */
  public static List<String> portName(String port) {
    List<String> errs = new ArrayList<>();
    if (byteLength(port) > 15) {
      errs.add(maxLenError(15));
    }
    if (!PORT_NAME_CHARSET.matcher(port).matches()) {
      errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (!ONE_LETTER.matcher(port).matches()) {
      errs.add("must contain at least one letter (a-z)");
    }
    if (port.contains("--")) {
      errs.add("must not contain consecutive hyphens");
    }
    if (!port.isEmpty() && (port.charAt(0) == '-' || port.charAt(port.length() - 1) == '-')) {
      errs.add("must not begin or end with a hyphen");
    }
    return errs;
  }

  public static List<String> portNumber(long port) {
    return 1 <= port && port <= 65535 ? List.of() : List.of(inclusiveRangeError(1, 65535));
  }

  public static List<String> userId(long id) {
    return 0 <= id && id <= 0xffffffffL ? List.of() : List.of(inclusiveRangeError(0, 0xffffffffL));
  }

  public static List<String> percent(String value) {
    if (PERCENT.matcher(value).matches()) {
      return List.of();
    }
    return List.of(regexError("a valid percent string must be a numeric string followed by an"
        + " ending '%'", PERCENT_FMT, "1%", "93%"));
  }

  public static boolean isPercent(String value) {
    return PERCENT.matcher(value).matches();
  }

  public static List<String> httpHeaderName(String value) {
    if (HTTP_HEADER_NAME.matcher(value).matches()) {
      return List.of();
    }
    return List.of(regexError("a valid HTTP header must consist of alphanumeric characters or"
        + " '-'", HTTP_HEADER_NAME_FMT, "X-Header-Name"));
  }

  /** A name that must be usable as one segment of a URL path. */
  public static List<String> pathSegmentName(String name, boolean prefix) {
    if (!prefix) {
      if (name.equals(".") || name.equals("..")) {
        return List.of("may not be '" + name + "'");
      }
    }
    List<String> errs = new ArrayList<>();
    for (String illegal : List.of("/", "%")) {
      if (name.contains(illegal)) {
        errs.add("may not contain '" + illegal + "'");
      }
    }
    return errs;
  }

  private static List<String> chDirPrefix(String value) {
    if (value.equals(".")) {
      return List.of("must not be '.'");
    }
    if (value.equals("..")) {
      return List.of("must not be '..'");
    }
    if (value.startsWith("..")) {
      return List.of("must not start with '..'");
    }
    return List.of();
  }
}
