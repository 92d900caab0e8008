package io.capstan.cli;

import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.tls.CertificateRequests;
import io.capstan.apiserver.tls.ClientCertificateVerifier;
import io.capstan.apiserver.tls.ClientIdentity;
import io.capstan.apiserver.tls.ClientVerification;
import io.capstan.apiserver.tls.IssuedCertificate;
import io.capstan.apiserver.tls.Pem;
import io.capstan.apiserver.tls.SecureFiles;
import io.capstan.apiserver.tls.TlsContexts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A node's side of joining: with the join token it asks the server to certify two keys it made
 * itself — the kubelet's ({@code system:node:<name>}) and its proxy's ({@code
 * system:capstan-proxy:<name>}) — and keeps the certificates and keys in its credentials
 * directory (keys mode 0600). On the next start they are reused while they are from the same CA
 * and more than 30 days from expiry, so a restarted node needs no token round trip.
 */
final class NodeJoin {

  private static final Logger LOG = LoggerFactory.getLogger(NodeJoin.class);
  private static final String PATH = "/capstan/v1/node-credentials";
  private static final Duration RENEW_BEFORE = Duration.ofDays(30);

  /** A joined node's two client identities. */
  record Credentials(IssuedCertificate kubelet, IssuedCertificate proxy) {}

  private NodeJoin() {}

  /** The node's stored credentials if still good, otherwise new ones from the server. */
  static Credentials credentials(String serverUrl, X509Certificate ca, String joinToken,
      String nodeName, Path dir, Clock clock) throws IOException, InterruptedException {
    Optional<Credentials> stored = read(dir, ca, nodeName, clock.instant());
    if (stored.isPresent()) {
      return stored.get();
    }
    Answer answer = join(serverUrl, TlsContexts.clientContext(ca, Optional.empty()), joinToken,
        nodeName);
    store(dir, nodeName, answer.credentials());
    return answer.credentials();
  }

  /**
   * Joins a server whose CA the node does not know yet, as k3s does with a token that carries no
   * CA hash: the TLS handshake accepts whatever certificate the server shows, the CA comes from
   * the server's answer, and the answer is taken only if that CA signed both the server's
   * certificate and the node's new ones. The caller keeps the CA and verifies every later
   * connection with it (trust on first use).
   */
  static Joined joinTrustingOnFirstUse(String serverUrl, String joinToken, String nodeName,
      Path dir) throws IOException, InterruptedException {
    FirstUseTrust trust = new FirstUseTrust();
    Answer answer = join(serverUrl, trust.context(), joinToken, nodeName);
    X509Certificate ca = answer.ca().orElseThrow(() -> new IOException(
        "the server answered the join without its certificate authority"));
    try {
      trust.serverCertificate().verify(ca.getPublicKey());
      answer.credentials().kubelet().certificate().verify(ca.getPublicKey());
      answer.credentials().proxy().certificate().verify(ca.getPublicKey());
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("the server's certificate authority did not sign its own "
          + "certificate or the node's; refusing it", e);
    }
    store(dir, nodeName, answer.credentials());
    return new Joined(ca, answer.credentials());
  }

  /** A first join's outcome: the CA to trust from now on, and the node's identities. */
  record Joined(X509Certificate ca, Credentials credentials) {}

  private record Answer(Credentials credentials, Optional<X509Certificate> ca) {}

  private static void store(Path dir, String nodeName, Credentials credentials) {
    SecureFiles.createPrivateDirectories(dir);
    write(dir, "kubelet", credentials.kubelet());
    write(dir, "proxy", credentials.proxy());
    LOG.info("node {} joined; credentials in {}", nodeName, dir);
  }

  private static Answer join(String serverUrl, javax.net.ssl.SSLContext tls, String joinToken,
      String nodeName) throws IOException, InterruptedException {
    KeyPair kubeletKeys = CertificateRequests.newKeyPair();
    KeyPair proxyKeys = CertificateRequests.newKeyPair();
    ObjectNode body = Json.object();
    var requests = body.putArray("certificateSigningRequests");
    requests.add(CertificateRequests.create(kubeletKeys, "system:node:" + nodeName,
        List.of("system:nodes")));
    requests.add(CertificateRequests.create(proxyKeys, "system:capstan-proxy:" + nodeName,
        List.of("system:capstan-proxies")));
    HttpResponse<byte[]> response;
    try (HttpClient http = HttpClient.newBuilder()
        .sslContext(tls)
        .connectTimeout(Duration.ofSeconds(10)).build()) {
      response = http.send(HttpRequest.newBuilder(URI.create(serverUrl + PATH))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + joinToken)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
              .build(),
          HttpResponse.BodyHandlers.ofByteArray());
    }
    JsonNode answer = Json.MAPPER.readTree(response.body());
    if (response.statusCode() != 201) {
      throw new IOException("the server refused node " + nodeName + " (" + response.statusCode()
          + "): " + answer.path("message").asString(""));
    }
    List<X509Certificate> issued = new ArrayList<>();
    for (JsonNode pem : answer.path("certificates")) {
      issued.addAll(Pem.decodeCertificates(pem.asString()));
    }
    if (issued.size() != 2) {
      throw new IOException("the server answered the join with " + issued.size()
          + " certificates instead of 2");
    }
    List<X509Certificate> ca = Pem.decodeCertificates(
        answer.path("certificateAuthority").asString(""));
    return new Answer(new Credentials(IssuedCertificate.of(issued.get(0), kubeletKeys.getPrivate()),
        IssuedCertificate.of(issued.get(1), proxyKeys.getPrivate())),
        ca.stream().findFirst());
  }

  private static Optional<Credentials> read(Path dir, X509Certificate ca, String nodeName,
      Instant now) {
    Optional<IssuedCertificate> kubelet = read(dir, "kubelet", ca, "system:node:" + nodeName, now);
    Optional<IssuedCertificate> proxy =
        read(dir, "proxy", ca, "system:capstan-proxy:" + nodeName, now);
    return kubelet.isPresent() && proxy.isPresent()
        ? Optional.of(new Credentials(kubelet.get(), proxy.get())) : Optional.empty();
  }

  private static Optional<IssuedCertificate> read(Path dir, String name, X509Certificate ca,
      String user, Instant now) {
    try {
      IssuedCertificate pair = IssuedCertificate.parse(
          Files.readString(dir.resolve(name + ".crt")),
          Files.readString(dir.resolve(name + ".key")));
      // Still ours only if the server would take it: same CA, right user, and not about to expire.
      ClientVerification verdict = new ClientCertificateVerifier(ca,
          Clock.fixed(now.plus(RENEW_BEFORE), java.time.ZoneOffset.UTC))
          .verify(List.of(pair.certificate()));
      boolean good = verdict instanceof ClientVerification.Verified(ClientIdentity client)
          && client.user().equals(user);
      return good ? Optional.of(pair) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      // Missing, unreadable, or from another CA: join again.
      return Optional.empty();
    }
  }

  private static void write(Path dir, String name, IssuedCertificate pair) {
    SecureFiles.writePrivate(dir.resolve(name + ".key"), pair.privateKeyPem());
    SecureFiles.writePublic(dir.resolve(name + ".crt"), pair.certificatePem());
  }
}
