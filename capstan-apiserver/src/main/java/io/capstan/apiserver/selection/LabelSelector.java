package io.capstan.apiserver.selection;

import java.util.LinkedHashMap;
import java.util.Map;

public final class LabelSelector {
  private final Map<String, String> equals;

  private LabelSelector(Map<String, String> equals) {
    this.equals = equals;
  }

  public static LabelSelector parse(String s) {
    Map<String, String> m = new LinkedHashMap<>();
    if (s != null && !s.isBlank()) {
      for (String part : s.split(",")) {
        String[] kv = part.split("==?", 2);
        m.put(kv[0].trim(), kv.length > 1 ? kv[1].trim() : "");
      }
    }
    return new LabelSelector(m);
  }

  public boolean isEmpty() {
    return equals.isEmpty();
  }

  public boolean matches(Map<String, String> labels) {
    for (Map.Entry<String, String> e : equals.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
