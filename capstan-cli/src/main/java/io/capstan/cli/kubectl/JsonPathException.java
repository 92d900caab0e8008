package io.capstan.cli.kubectl;

/** A JSONPath template that does not parse, or fails on the data, with client-go's wording. */
final class JsonPathException extends RuntimeException {

  JsonPathException(String message) {
    super(message, null, false, false);
  }
}
