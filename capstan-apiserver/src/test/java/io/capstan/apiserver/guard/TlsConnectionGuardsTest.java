package io.capstan.apiserver.guard;

import static io.capstan.apiserver.guard.GuardedServer.limits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guards on a TLS listener (ALPN, HTTP/2 and HTTP/1.1), as the API server runs it: broken
 * handshakes and dawdling clients go, everyone else is served, and HTTP/2 streams are not cut.
 */
class TlsConnectionGuardsTest {

  /** A TLS 1.2 record header announcing a 512-byte ClientHello, and only its first bytes. */
  private static final byte[] TRUNCATED_CLIENT_HELLO = {
      0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03, 0x11, 0x22};

  @TempDir
  Path tls;

  private GuardedServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void brokenHandshakesAreClosedWithoutDisturbingOtherClients() throws Exception {
    server = GuardedServer.tls(limits(Duration.ofSeconds(10), Duration.ofMinutes(5))
        .withTlsHandshakeTimeout(Duration.ofSeconds(2)), tls);
    HttpClient http = server.client(HttpClient.Version.HTTP_2);
    try (Socket truncated = connect(); Socket garbage = connect()) {
      truncated.getOutputStream().write(TRUNCATED_CLIENT_HELLO);
      garbage.getOutputStream().write("\u0000\u00ffnot TLS at all\r\n\r\n".repeat(50)
          .getBytes(StandardCharsets.ISO_8859_1));
      List<HttpResponse<String>> served = new CopyOnWriteArrayList<>();

      await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(200)).until(() -> {
        served.add(server.get(http, "/"));
        return closed(truncated) && closed(garbage);
      });

      assertThat(served).isNotEmpty().allSatisfy(r -> {
        assertThat(r.body()).isEqualTo("ok");
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
      });
    }
    assertThat(server.get(server.client(HttpClient.Version.HTTP_1_1), "/").body())
        .isEqualTo("ok");
  }

  @Test
  void slowlorisAfterTheHandshakeIsClosedByTheHeaderDeadline() throws Exception {
    server = GuardedServer.tls(limits(Duration.ofSeconds(2), Duration.ofMinutes(5)), tls);
    HttpClient http = server.client(HttpClient.Version.HTTP_1_1);
    try (SSLSocket slow = handshake(List.of("http/1.1"))) {
      slow.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n".getBytes(
          StandardCharsets.ISO_8859_1));

      await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(200)).until(() -> {
        assertThat(server.get(http, "/").body()).isEqualTo("ok");
        return closed(slow);
      });
    }
  }

  @Test
  void http2ConnectionServesStreamsLongAfterTheHeaderDeadline() throws Exception {
    server = GuardedServer.tls(limits(Duration.ofSeconds(1), Duration.ofMinutes(5)), tls);
    HttpClient http = server.client(HttpClient.Version.HTTP_2);
    assertThat(server.get(http, "/").version()).isEqualTo(HttpClient.Version.HTTP_2);

    HttpResponse<String> stream = server.get(http, "/stream");

    assertThat(stream.body()).endsWith("done\n");
    assertThat(server.get(http, "/").body()).isEqualTo("ok");
    assertThat(server.guards.closedConnections()).isZero();
  }

  @Test
  void quietStreamIsNotCutButTheIdleHttp2ConnectionIs() throws Exception {
    server = GuardedServer.tls(limits(Duration.ofSeconds(30), Duration.ofSeconds(1)), tls);
    HttpClient http = server.client(HttpClient.Version.HTTP_2);

    // Silent for 2 s at a time, twice the idle timeout: in flight, so not idle.
    HttpResponse<String> stream = server.get(http, "/stream");

    assertThat(stream.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(stream.body()).endsWith("done\n");
    await().atMost(Duration.ofSeconds(5)).until(() -> server.guards.closedConnections() == 1);
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port);
    socket.setSoTimeout(50);
    return socket;
  }

  private SSLSocket handshake(List<String> alpn) throws Exception {
    SSLContext context = io.capstan.apiserver.tls.TlsContexts.clientContext(
        io.capstan.apiserver.tls.CertificateAuthority.loadOrCreate(tls,
            java.time.Clock.systemUTC()).certificate(), java.util.Optional.empty());
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(
        InetAddress.getLoopbackAddress(), server.port);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setApplicationProtocols(alpn.toArray(String[]::new));
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    socket.setSoTimeout(50);
    return socket;
  }

  /** Whether the peer closed {@code socket}; reads and drops whatever else it sent. */
  private static boolean closed(Socket socket) {
    try {
      InputStream in = socket.getInputStream();
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
