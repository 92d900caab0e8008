package io.capstan.apiserver.resources.fields;

/**
 * A value that Kubernetes prints with its {@code String()} method rather than quoted, such as an
 * {@code IntOrString} ({@code Invalid value: 25%: ...}) or a quantity.
 */
public record GoText(String text) {

  @Override
  public String toString() {
    return text;
  }
}
