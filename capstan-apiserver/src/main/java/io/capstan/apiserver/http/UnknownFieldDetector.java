package io.capstan.apiserver.http;

import java.util.List;

/**
 * Finds the fields of a request body that the kind does not define, for server-side field
 * validation ({@code fieldValidation=Strict|Warn}). Returns messages such as
 * {@code unknown field "spec.foo"} or {@code duplicate field "x"}.
 */
@FunctionalInterface
public interface UnknownFieldDetector {

  List<String> problems(byte[] rawBody, String contentType, Class<?> modelClass);
}
