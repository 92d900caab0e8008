package io.capstan.apiserver.http;

import io.capstan.apiserver.errors.ApiException;
import java.util.List;

/** Serves {@code /openapi/v2} and {@code /openapi/v3/...}. */
final class OpenApiEndpoints {

  void handle(Exchange exchange, List<String> parts) {
    throw ApiException.notFoundPath();
  }
}
