package io.capstan.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A Status that says when to retry is also said as the Retry-After header. */
class RetryAfterTest {

  /** Keeps what a handler answered. */
  static final class RecordingExchange implements Exchange {
    int status;
    byte[] body;
    Map<String, String> headers;

    @Override
    public String method() {
      return "GET";
    }

    @Override
    public String path() {
      return "/";
    }

    @Override
    public Optional<String> query(String name) {
      return Optional.empty();
    }

    @Override
    public Map<String, List<String>> queryParams() {
      return Map.of();
    }

    @Override
    public Optional<String> header(String name) {
      return Optional.empty();
    }

    @Override
    public byte[] body() {
      return new byte[0];
    }

    @Override
    public String uri() {
      return "/";
    }

    @Override
    public int status() {
      return status;
    }

    @Override
    public io.capstan.apiserver.auth.Credentials credentials() {
      return io.capstan.apiserver.auth.Credentials.none();
    }

    @Override
    public String remoteAddress() {
      return "127.0.0.1";
    }

    @Override
    public void respond(int status, String contentType, byte[] body, Map<String, String> headers) {
      this.status = status;
      this.body = body;
      this.headers = headers;
    }

    @Override
    public ResponseStream stream(int status, String contentType, Map<String, String> headers) {
      throw new UnsupportedOperationException("not streamed here");
    }
  }

  record Case(String name, ApiException error, Optional<String> retryAfter) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("429 with retry", ApiException.tooManyRequests("busy", 1), Optional.of("1")),
        new Case("429 without", ApiException.tooManyRequests("busy"), Optional.empty()),
        new Case("404", ApiException.notFoundPath(), Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void retryAfterFollowsTheStatusDetails(Case c) {
    RecordingExchange exchange = new RecordingExchange();

    Responses.error(exchange, c.error());

    assertThat(exchange.status).isEqualTo(c.error().code());
    assertThat(Optional.ofNullable(exchange.headers.get("Retry-After"))).isEqualTo(c.retryAfter());
    assertThat(Json.MAPPER.readTree(exchange.body).path("kind").asString()).isEqualTo("Status");
  }
}
