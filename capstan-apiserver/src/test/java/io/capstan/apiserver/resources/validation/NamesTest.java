package io.capstan.apiserver.resources.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NamesTest {

  record Case(String name, Function<String, List<String>> check, String value, String error) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("subdomain ok", Names::dns1123Subdomain, "web.example-1", null),
        new Case("subdomain uppercase", Names::dns1123Subdomain, "Web",
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters,"
                + " '-' or '.', and must start and end with an alphanumeric character (e.g."
                + " 'example.com', regex used for validation is"
                + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
        new Case("subdomain too long", Names::dns1123Subdomain, "a".repeat(254),
            "must be no more than 253 characters"),
        new Case("label ok", Names::dns1123Label, "my-ns", null),
        new Case("label with dots", Names::dns1123Label, "a.b", "must not contain dots"),
        new Case("label trailing dash", Names::dns1123Label, "a-",
            "a lowercase RFC 1123 label must consist of"),
        new Case("1035 label starting with digit", Names::dns1035Label, "1web",
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start"
                + " with an alphabetic character"),
        new Case("qualified name with prefix", Names::qualifiedName, "example.com/My_name", null),
        new Case("qualified name empty prefix", Names::qualifiedName, "/name",
            "prefix part must be non-empty"),
        new Case("qualified name two slashes", Names::qualifiedName, "a/b/c",
            "a qualified name must consist of alphanumeric characters"),
        new Case("qualified name bad char", Names::qualifiedName, "my key",
            "name part must consist of alphanumeric characters, '-', '_' or '.'"),
        new Case("qualified name too long", Names::qualifiedName, "a".repeat(64),
            "name part must be no more than 63 characters"),
        new Case("label value empty ok", Names::labelValue, "", null),
        new Case("label value bad", Names::labelValue, "-x",
            "a valid label must be an empty string or consist of alphanumeric characters"),
        new Case("label value too long", Names::labelValue, "a".repeat(64),
            "must be no more than 63 characters"),
        new Case("config key space", Names::configMapKey, "my key",
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g."
                + " 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is"
                + " '[-._a-zA-Z0-9]+')"),
        new Case("config key dotdot", Names::configMapKey, "..a", "must not start with '..'"),
        new Case("config key dot", Names::configMapKey, ".", "must not be '.'"),
        new Case("relaxed env name with digit first ok", Names::relaxedEnvVarName, "1b", null),
        new Case("relaxed env name with equals", Names::relaxedEnvVarName, "A=B",
            "printable ASCII characters other than '='"),
        new Case("strict env name digit first", Names::envVarName, "1b",
            "must not start with a digit"),
        new Case("port name ok", Names::portName, "http-alt", null),
        new Case("port name digits only", Names::portName, "8080",
            "must contain at least one letter (a-z)"),
        new Case("port name too long", Names::portName, "abcdefghijklmnop",
            "must be no more than 15 characters"),
        new Case("port name double hyphen", Names::portName, "a--b",
            "must not contain consecutive hyphens"),
        new Case("percent ok", Names::percent, "25%", null),
        new Case("percent bad", Names::percent, "20Percent",
            "a valid percent string must be a numeric string followed by an ending '%' (e.g."
                + " '1%',  or '93%', regex used for validation is '[0-9]+%')"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void checksFormats(Case c) {
    List<String> errors = c.check().apply(c.value());
    if (c.error() == null) {
      assertThat(errors).isEmpty();
    } else {
      assertThat(errors).anySatisfy(e -> assertThat(e).contains(c.error()));
    }
  }
}
