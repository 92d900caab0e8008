package io.capstan.apiserver.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One entry of an Accept or Content-Type header: {@code type/subtype;key=value;...}. */
record MediaType(String type, Map<String, String> params) {

  static MediaType parse(String value) {
    String[] parts = value.split(";");
    String type = parts[0].trim().toLowerCase(Locale.ROOT);
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      int eq = p.indexOf('=');
      if (eq > 0) {
        params.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT),
            p.substring(eq + 1).trim().replace("\"", ""));
      }
    }
    return new MediaType(type, params);
  }

  /** The entries of an Accept header, in the order the client listed them. */
  static List<MediaType> parseAccept(String header) {
    List<MediaType> out = new ArrayList<>();
    if (header == null || header.isBlank()) {
      out.add(new MediaType("*/*", Map.of()));
      return out;
    }
    for (String entry : header.split(",")) {
      if (!entry.isBlank()) {
        out.add(parse(entry));
      }
    }
    return out;
  }

  String param(String name) {
    return params.getOrDefault(name, "");
  }

  boolean isJsonLike() {
    return type.equals("application/json") || type.equals("*/*") || type.equals("application/*");
  }

  boolean isYaml() {
    return type.equals("application/yaml") || type.equals("application/x-yaml")
        || type.equals("text/yaml");
  }
}
