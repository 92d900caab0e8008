package io.capstan.apiserver.patch;

import java.util.Locale;
import java.util.Optional;

/** The three patch formats a Kubernetes API server accepts on PATCH, by request content type. */
public enum PatchType {
  /** RFC 6902 JSON Patch: a list of operations. */
  JSON("application/json-patch+json"),
  /** RFC 7386 JSON Merge Patch: a partial object, {@code null} deletes. */
  MERGE("application/merge-patch+json"),
  /** Kubernetes' strategic merge patch: a partial object whose lists merge by key. */
  STRATEGIC("application/strategic-merge-patch+json");

  private final String contentType;

  PatchType(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  /**
   * The patch type of a {@code Content-Type} header; parameters such as {@code ; charset=utf-8} are
   * ignored. Empty for anything else, including server-side apply, which is not a patch format here.
   */
  public static Optional<PatchType> fromContentType(String header) {
    if (header == null) {
      return Optional.empty();
    }
    int semicolon = header.indexOf(';');
    String mediaType = (semicolon >= 0 ? header.substring(0, semicolon) : header)
        .trim()
        .toLowerCase(Locale.ROOT);
    for (PatchType type : values()) {
      if (type.contentType.equals(mediaType)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
