package io.capstan.apiserver.resources.core;

import java.util.List;

/**
 * A {@code []string} as Go's {@code %#v} prints it in a field error, e.g.
 * {@code []string{"10.0.0.1"}}: how Kubernetes shows {@code spec.clusterIPs} values.
 */
record GoStrings(List<String> values) {

  GoStrings {
    values = List.copyOf(values);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("[]string{");
    for (int i = 0; i < values.size(); i++) {
      s.append(i > 0 ? ", " : "").append('"').append(values.get(i)).append('"');
    }
    return s.append('}').toString();
  }
}
