package io.capstan.apiserver.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as a handler sees it, on its own (virtual) thread: the parsed request and a way
 * to answer it, either at once or as a stream.
 */
interface Exchange {

  String method();

  String path();

  /** The first value of a query parameter. */
  Optional<String> query(String name);

  Map<String, List<String>> queryParams();

  Optional<String> header(String name);

  byte[] body();

  /** Sends a complete response. */
  void respond(int status, String contentType, byte[] body, Map<String, String> headers);

  /** Starts a chunked response whose chunks the caller writes with back-pressure. */
  ResponseStream stream(int status, String contentType, Map<String, String> headers);
}
