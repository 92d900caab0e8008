package io.capstan.apiserver.resources.fields;

/**
 * A field path as Kubernetes' {@code field.Path} prints it: children joined by dots, list indexes
 * and map keys in brackets ({@code spec.containers[0].env[1].name}, {@code data[my key]}).
 */
public record FieldPath(String text) {

  public static final FieldPath ROOT = new FieldPath("");

  public static FieldPath of(String... names) {
    return ROOT.child(names);
  }

  public FieldPath child(String... names) {
    StringBuilder s = new StringBuilder(text);
    for (String name : names) {
      if (!s.isEmpty()) {
        s.append('.');
      }
      s.append(name);
    }
    return new FieldPath(s.toString());
  }

  public FieldPath index(int i) {
    return new FieldPath(text + "[" + i + "]");
  }

  public FieldPath key(String key) {
    return new FieldPath(text + "[" + key + "]");
  }

  @Override
  public String toString() {
    return text;
  }
}
