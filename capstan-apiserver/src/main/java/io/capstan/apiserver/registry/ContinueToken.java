package io.capstan.apiserver.registry;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The opaque {@code continue} value, shaped like Kubernetes' own: base64 of
 * {@code {"v":"meta.k8s.io/v1","rv":R,"start":"<key after the prefix>\0"}}. It pins the revision of
 * the first page so every page is read at the same revision.
 */
record ContinueToken(long revision, String startAfter) {

  String encode() {
    ObjectNode node = Json.object();
    node.put("v", "meta.k8s.io/v1");
    node.put("rv", revision);
    node.put("start", startAfter + "\u0000");
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(Json.MAPPER.writeValueAsBytes(node));
  }

  static ContinueToken decode(String token) {
    try {
      byte[] raw;
      try {
        raw = Base64.getUrlDecoder().decode(token);
      } catch (IllegalArgumentException e) {
        raw = Base64.getDecoder().decode(token);
      }
      JsonNode node = Json.MAPPER.readTree(new String(raw, StandardCharsets.UTF_8));
      if (!"meta.k8s.io/v1".equals(node.path("v").asString(""))
          || !node.path("rv").isNumber() || !node.path("start").isString()) {
        throw new IllegalArgumentException("unexpected token contents");
      }
      String start = node.path("start").asString();
      if (start.endsWith("\u0000")) {
        start = start.substring(0, start.length() - 1);
      }
      if (start.contains("..") || start.startsWith("/")) {
        throw new IllegalArgumentException("unexpected start key");
      }
      return new ContinueToken(node.path("rv").asLong(), start);
    } catch (RuntimeException e) {
      throw ApiException.badRequest("continue key is not valid: " + e.getMessage());
    }
  }
}
