package io.capstan.apiserver.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real TLS handshakes over loopback with the JDK's sockets, both sides built by TlsContexts. */
class TlsHandshakeTest {

  @TempDir
  Path tls;

  CertificateAuthority ca;
  ServingCertificate serving;

  @BeforeEach
  void makeCertificates() {
    ca = CertificateAuthority.loadOrCreate(tls, Clock.systemUTC());
    serving = ServingCertificate.loadOrIssue(tls, ca,
        SubjectAltNames.localDefaults(List.of()), Clock.systemUTC());
  }

  @Test
  void clientTrustingTheCaHandshakesAndItsCertificateNamesTheUser() throws Exception {
    IssuedCertificate client = ca.issueClient("admin", List.of("system:masters"));
    SSLContext clientContext = TlsContexts.clientContext(ca.certificate(), Optional.of(client));

    try (SSLServerSocket server = listen()) {
      CompletableFuture<ClientVerification> seen = acceptOne(server);
      try (SSLSocket socket = connect(clientContext, server.getLocalPort())) {
        socket.getOutputStream().write('x');
        socket.getOutputStream().flush();
        assertThat(socket.getInputStream().read()).isEqualTo('y');
        assertThat(socket.getSession().getProtocol()).isIn("TLSv1.2", "TLSv1.3");
      }
      assertThat(seen.get(10, TimeUnit.SECONDS).identity())
          .contains(new ClientIdentity("admin", List.of("system:masters")));
    }
  }

  @Test
  void clientWithoutCertificateStillHandshakesButIsNotVerified() throws Exception {
    SSLContext clientContext = TlsContexts.clientContext(ca.certificate(), Optional.empty());

    try (SSLServerSocket server = listen()) {
      CompletableFuture<ClientVerification> seen = acceptOne(server);
      try (SSLSocket socket = connect(clientContext, server.getLocalPort())) {
        socket.getOutputStream().write('x');
        socket.getOutputStream().flush();
        assertThat(socket.getInputStream().read()).isEqualTo('y');
      }
      assertThat(seen.get(10, TimeUnit.SECONDS).identity()).isEmpty();
    }
  }

  @Test
  void clientTrustingAnotherCaRefusesTheServer() throws Exception {
    CertificateAuthority other = CertificateAuthority.loadOrCreate(tls.resolve("other"),
        Clock.systemUTC());
    SSLContext clientContext = TlsContexts.clientContext(other.certificate(), Optional.empty());

    try (SSLServerSocket server = listen()) {
      acceptOne(server);
      try (SSLSocket socket = connect(clientContext, server.getLocalPort())) {
        assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
      }
    }
  }

  private SSLServerSocket listen() throws Exception {
    SSLContext context = TlsContexts.serverContext(serving.issued(), ca.certificate());
    SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
    server.setEnabledProtocols(TlsContexts.PROTOCOLS.toArray(String[]::new));
    server.setWantClientAuth(true);
    return server;
  }

  /** Accepts one connection, echoes a byte, and reports what its client certificate proves. */
  private CompletableFuture<ClientVerification> acceptOne(SSLServerSocket server) {
    var verifier = new ClientCertificateVerifier(ca.certificate(), Clock.systemUTC());
    return CompletableFuture.supplyAsync(() -> {
      try (SSLSocket socket = (SSLSocket) server.accept()) {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        int read = in.read();
        out.write(read == 'x' ? 'y' : 'n');
        out.flush();
        try {
          return verifier.verify(List.of(socket.getSession().getPeerCertificates()));
        } catch (javax.net.ssl.SSLPeerUnverifiedException none) {
          return verifier.verify(List.of());
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, Thread::startVirtualThread);
  }

  /** Connects to "localhost" with hostname verification on, so the SANs are checked too. */
  private static SSLSocket connect(SSLContext context, int port) throws Exception {
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    socket.setSSLParameters(parameters);
    return socket;
  }
}
