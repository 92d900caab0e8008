package io.capstan.apiserver.patch;

import java.util.Optional;

public enum PatchType {
  JSON("application/json-patch+json"),
  MERGE("application/merge-patch+json"),
  STRATEGIC("application/strategic-merge-patch+json");

  private final String contentType;

  PatchType(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  public static Optional<PatchType> fromContentType(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String base = header.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    for (PatchType t : values()) {
      if (t.contentType.equals(base)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
