package io.capstan.apiserver.http;

import io.capstan.apiserver.auth.Credentials;
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

  /** The path and query as the client sent them, for the audit log. */
  String uri();

  /** The status code of the response sent so far; 0 before one was sent. */
  int status();

  /** The first value of a query parameter. */
  Optional<String> query(String name);

  Map<String, List<String>> queryParams();

  Optional<String> header(String name);

  byte[] body();

  /** What the request presents to prove who sends it: its Authorization header and TLS chain. */
  Credentials credentials();

  /** The peer's IP address, for the audit log. */
  String remoteAddress();

  /** Sends a complete response. */
  void respond(int status, String contentType, byte[] body, Map<String, String> headers);

  /** Starts a chunked response whose chunks the caller writes with back-pressure. */
  ResponseStream stream(int status, String contentType, Map<String, String> headers);
}
