package io.capstan.e2e;

import io.capstan.apiserver.tls.IssuedCertificate;
import io.capstan.apiserver.tls.TlsContexts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;

/**
 * Raw HTTPS requests to a Capstan server with exactly the credential a test chooses: none, a
 * bearer token, or a client certificate; HTTP/2 preferred, as Go clients and fabric8 use it.
 */
record ApiRequests(String url, X509Certificate ca) {

  /** What the server answered. */
  record Answer(int status, String body, HttpClient.Version version) {}

  static ApiRequests of(CapstanProcess capstan) throws IOException {
    String pem = Files.readString(capstan.caCertificate());
    return new ApiRequests(capstan.url(),
        io.capstan.apiserver.tls.Pem.decodeCertificates(pem).getFirst());
  }

  Answer get(String path, Credential credential) throws IOException, InterruptedException {
    return send("GET", path, null, credential);
  }

  Answer send(String method, String path, String jsonBody, Credential credential)
      throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_2)
        .sslContext(TlsContexts.clientContext(ca, credential.certificate()))
        .connectTimeout(Duration.ofSeconds(30)).build()) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
          .timeout(Duration.ofSeconds(30))
          .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(jsonBody));
      if (jsonBody != null) {
        request.header("Content-Type", "application/json");
      }
      credential.authorization().ifPresent(value -> request.header("Authorization", value));
      HttpResponse<String> response = http.send(request.build(),
          HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(), response.version());
    }
  }

  /** What a request presents: an Authorization header value, a client certificate, or neither. */
  record Credential(String name, Optional<String> authorization,
      Optional<IssuedCertificate> certificate) {

    static Credential none() {
      return new Credential("no credentials", Optional.empty(), Optional.empty());
    }

    static Credential token(String name, String token) {
      return new Credential(name, Optional.of("Bearer " + token), Optional.empty());
    }

    static Credential header(String name, String value) {
      return new Credential(name, Optional.of(value), Optional.empty());
    }

    static Credential certificate(String name, IssuedCertificate certificate) {
      return new Credential(name, Optional.empty(), Optional.of(certificate));
    }

    /** A certificate and key stored as {@code <base>.crt} and {@code <base>.key}. */
    static Credential stored(String name, Path dir, String base) throws IOException {
      return certificate(name, IssuedCertificate.parse(Files.readString(dir.resolve(base + ".crt")),
          Files.readString(dir.resolve(base + ".key"))));
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
