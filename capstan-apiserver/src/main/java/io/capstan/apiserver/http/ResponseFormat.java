package io.capstan.apiserver.http;

import io.capstan.apiserver.errors.ApiException;
import java.util.List;

/**
 * What the client asked to receive: JSON or YAML, and which representation — the object itself,
 * a meta.k8s.io Table (kubectl get), PartialObjectMetadata (metadata-only clients), or aggregated
 * discovery.
 */
record ResponseFormat(boolean yaml, As as, String asVersion) {

  enum As { OBJECT, TABLE, PARTIAL_METADATA, PARTIAL_METADATA_LIST, DISCOVERY }

  static final ResponseFormat JSON = new ResponseFormat(false, As.OBJECT, "");

  /** Picks the first entry of the Accept header that the server can produce. */
  static ResponseFormat negotiate(String accept) {
    List<MediaType> types = MediaType.parseAccept(accept);
    for (MediaType type : types) {
      if (!type.isJsonLike() && !type.isYaml()) {
        continue;
      }
      String as = type.param("as");
      String group = type.param("g");
      String version = type.param("v");
      if (as.isEmpty()) {
        return new ResponseFormat(type.isYaml(), As.OBJECT, "");
      }
      if (group.equals("meta.k8s.io") && (version.equals("v1") || version.equals("v1beta1"))) {
        switch (as) {
          case "Table" -> { return new ResponseFormat(type.isYaml(), As.TABLE, version); }
          case "PartialObjectMetadata" -> {
            return new ResponseFormat(type.isYaml(), As.PARTIAL_METADATA, version);
          }
          case "PartialObjectMetadataList" -> {
            return new ResponseFormat(type.isYaml(), As.PARTIAL_METADATA_LIST, version);
          }
          default -> { }
        }
      }
      if (group.equals("apidiscovery.k8s.io") && as.equals("APIGroupDiscoveryList")
          && (version.equals("v2") || version.equals("v2beta1"))) {
        return new ResponseFormat(type.isYaml(), As.DISCOVERY, version);
      }
    }
    throw ApiException.notAcceptable("only the following media types are accepted: "
        + "application/json, application/yaml");
  }
}
