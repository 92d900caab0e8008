package io.capstan.apiserver.selection;

import io.capstan.apiserver.errors.ApiException;

/**
 * A selector that does not parse or validate, carrying Kubernetes' message. It stays inside
 * this package: the public entry points turn it into a 400 {@link ApiException}.
 */
final class SelectorSyntaxException extends RuntimeException {

  SelectorSyntaxException(String message) {
    super(message, null, false, false);
  }

  ApiException toBadRequest() {
    return ApiException.badRequest(getMessage());
  }
}
