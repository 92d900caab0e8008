package io.capstan.node.probe;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The HTTP client of httpGet probes and hooks, on plain sockets so that it behaves like the
 * kubelet's Go transport where that matters: HTTPS without certificate or host name checks, the
 * headers exactly as given (including {@code Host}), no keep-alive, no compression, no proxy; one
 * deadline for the whole exchange including redirects and the body; redirects followed only to the
 * same host name and at most 10 times (a redirect elsewhere returns the 3xx itself). Errors carry
 * the message Go's client would give, e.g. {@code Get "http://10.0.0.5:8080/": dial tcp
 * 10.0.0.5:8080: connect: connection refused}. Stateless apart from its TLS factory, so one
 * instance is shared.
 */
final class HttpGetClient {

  /** The kubelet reads at most 10 KiB of a probe's response body. */
  static final int MAX_BODY = 10 * 1024;
  private static final int MAX_REDIRECTS = 10;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  /** The response that ended the exchange; {@code location} is its Location header. */
  record Response(int status, byte[] body, Optional<String> location) {}

  /** The exchange failed; {@link #plaintextOverTls()} when an HTTPS server answered in HTTP. */
  static final class HttpGetException extends Exception {
    private final boolean plaintextOverTls;
    private final boolean readingBody;

    HttpGetException(String message, boolean plaintextOverTls, boolean readingBody) {
      super(message);
      this.plaintextOverTls = plaintextOverTls;
      this.readingBody = readingBody;
    }

    boolean plaintextOverTls() {
      return plaintextOverTls;
    }

    /** The head arrived but reading the body failed: the kubelet treats that as an error. */
    boolean readingBody() {
      return readingBody;
    }
  }

  private final SSLSocketFactory tls;

  HttpGetClient() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustEverything()}, null);
      this.tls = context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS implementation in this JDK", e);
    }
  }

  Response get(HttpGetRequest first, Duration timeout) throws HttpGetException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpGetRequest request = first;
    for (int redirects = 0; ; redirects++) {
      Response response = exchange(request, deadline);
      if (response.location().isEmpty() || !REDIRECTS.contains(response.status())) {
        return response;
      }
      String location = response.location().get();
      HttpGetRequest next;
      try {
        next = request.redirectedTo(location);
      } catch (URISyntaxException e) {
        throw new HttpGetException("failed to parse Location header \"" + location + "\": "
            + e.getReason(), false, false);
      }
      if (!next.host().equals(first.host())) {
        return response;
      }
      if (redirects + 1 >= MAX_REDIRECTS) {
        throw new HttpGetException("Get \"" + next.url() + "\": stopped after 10 redirects",
            false, false);
      }
      request = next;
    }
  }

  private Response exchange(HttpGetRequest request, long deadline) throws HttpGetException {
    String prefix = "Get \"" + request.url() + "\": ";
    Socket socket;
    try {
      socket = TcpDialer.dial(request.host(), request.port(), deadline);
    } catch (TcpDialer.DialException e) {
      throw new HttpGetException(prefix + e.getMessage()
          + (e.timedOut() ? " (Client.Timeout exceeded while awaiting headers)" : ""), false, false);
    }
    boolean headRead = false;
    try (Socket connection = request.scheme().equals("https") ? handshake(socket, request, deadline)
        : socket) {
      OutputStream out = connection.getOutputStream();
      out.write(requestBytes(request));
      out.flush();
      HttpResponseReader reader = new HttpResponseReader(
          new BufferedInputStream(new DeadlineInputStream(connection, deadline)));
      HttpResponseReader.Head head = reader.readHead();
      headRead = true;
      byte[] body = reader.readBody(head, MAX_BODY);
      return new Response(head.status(), body,
          Optional.ofNullable(head.headers().get("location")));
    } catch (SSLException e) {
      boolean plaintext = String.valueOf(e.getMessage()).contains("Unsupported or unrecognized");
      throw new HttpGetException(prefix + (plaintext
          ? "http: server gave HTTP response to HTTPS client" : "tls: " + e.getMessage()),
          plaintext, false);
    } catch (SocketTimeoutException e) {
      throw new HttpGetException(prefix + (headRead
          ? "context deadline exceeded (Client.Timeout or context cancellation while reading body)"
          : "context deadline exceeded (Client.Timeout exceeded while awaiting headers)"),
          false, headRead);
    } catch (IOException e) {
      throw new HttpGetException(prefix + e.getMessage(), false, headRead);
    } finally {
      TcpDialer.closeQuietly(socket);
    }
  }

  private Socket handshake(Socket plain, HttpGetRequest request, long deadline)
      throws IOException {
    SSLSocket secure = (SSLSocket) tls.createSocket(plain, request.host(), request.port(), true);
    secure.setSoTimeout(remainingMillis(deadline));
    secure.startHandshake();
    return secure;
  }

  private static byte[] requestBytes(HttpGetRequest request) {
    StringBuilder text = new StringBuilder(256);
    text.append("GET ").append(request.target()).append(" HTTP/1.1\r\n");
    text.append("Host: ").append(request.hostHeaderValue()).append("\r\n");
    for (HttpGetRequest.Header header : request.headers()) {
      text.append(header.name()).append(": ").append(header.value().replace("\r", "")
          .replace("\n", "")).append("\r\n");
    }
    text.append("Connection: close\r\n\r\n");
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  static int remainingMillis(long deadline) throws SocketTimeoutException {
    long remaining = (deadline - System.nanoTime()) / 1_000_000;
    if (remaining <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    return (int) Math.min(Integer.MAX_VALUE, remaining);
  }

  /** Sets the socket's read timeout to what is left of the deadline before every read. */
  private static final class DeadlineInputStream extends FilterInputStream {
    private final Socket socket;
    private final long deadline;

    DeadlineInputStream(Socket socket, long deadline) throws IOException {
      super(socket.getInputStream());
      this.socket = socket;
      this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
      socket.setSoTimeout(remainingMillis(deadline));
      return super.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      socket.setSoTimeout(remainingMillis(deadline));
      return super.read(buffer, offset, length);
    }
  }

  /** The kubelet probes with {@code InsecureSkipVerify}: any certificate, any host name. */
  private static final class TrustEverything extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
