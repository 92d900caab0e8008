package io.capstan.apiserver.selection;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

public final class FieldSelector {
  private final Map<String, String> equals;

  private FieldSelector(Map<String, String> equals) {
    this.equals = equals;
  }

  public static FieldSelector parse(String s) {
    Map<String, String> m = new LinkedHashMap<>();
    if (s != null && !s.isBlank()) {
      for (String part : s.split(",")) {
        String[] kv = part.split("==?", 2);
        m.put(kv[0].trim(), kv.length > 1 ? kv[1].trim() : "");
      }
    }
    return new FieldSelector(m);
  }

  public boolean isEmpty() {
    return equals.isEmpty();
  }

  public Set<String> fields() {
    return equals.keySet();
  }

  public boolean matches(Map<String, String> values) {
    for (Map.Entry<String, String> e : equals.entrySet()) {
      if (!e.getValue().equals(values.getOrDefault(e.getKey(), ""))) {
        return false;
      }
    }
    return true;
  }
}
