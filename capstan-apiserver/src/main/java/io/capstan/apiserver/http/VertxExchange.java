package io.capstan.apiserver.http;

import io.capstan.apiserver.auth.Credentials;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * An {@link Exchange} over a Vert.x request. Handlers run on virtual threads; every touch of the
 * Vert.x response is handed to the request's event-loop context, which owns it.
 */
final class VertxExchange implements Exchange {

  private final HttpServerRequest request;
  private final Context context;
  private final byte[] body;
  private final MultiMap params;
  private volatile int status;

  VertxExchange(HttpServerRequest request, Context context, byte[] body) {
    this.request = request;
    this.context = context;
    this.body = body;
    this.params = request.params();
  }

  @Override
  public String method() {
    return request.method().name();
  }

  @Override
  public String path() {
    return request.path();
  }

  @Override
  public String uri() {
    return request.uri();
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public Optional<String> query(String name) {
    return Optional.ofNullable(params.get(name));
  }

  @Override
  public Map<String, List<String>> queryParams() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String name : params.names()) {
      out.put(name, new ArrayList<>(params.getAll(name)));
    }
    return out;
  }

  @Override
  public Optional<String> header(String name) {
    return Optional.ofNullable(request.getHeader(name));
  }

  @Override
  public byte[] body() {
    return body;
  }

  @Override
  public Credentials credentials() {
    List<Certificate> chain = List.of();
    if (request.isSSL()) {
      try {
        chain = request.connection().peerCertificates();
      } catch (SSLPeerUnverifiedException e) {
        // The client sent no certificate; it may still have a token.
      }
    }
    return new Credentials(Optional.ofNullable(request.getHeader("Authorization")),
        chain == null ? List.of() : chain);
  }

  @Override
  public String remoteAddress() {
    var address = request.remoteAddress();
    return address == null ? "" : address.hostAddress();
  }

  @Override
  public void respond(int status, String contentType, byte[] content, Map<String, String> headers) {
    this.status = status;
    context.runOnContext(v -> {
      HttpServerResponse response = request.response();
      if (response.ended() || response.closed()) {
        return;
      }
      response.setStatusCode(status);
      response.putHeader("Content-Type", contentType);
      headers.forEach(response::putHeader);
      response.end(Buffer.buffer(content));
    });
  }

  @Override
  public ResponseStream stream(int status, String contentType, Map<String, String> headers) {
    this.status = status;
    if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
      return WebSocketStream.upgrade(request, context);
    }
    Stream stream = new Stream();
    context.runOnContext(v -> {
      HttpServerResponse response = request.response();
      response.closeHandler(x -> stream.markClosed());
      response.exceptionHandler(x -> stream.markClosed());
      if (response.closed()) {
        stream.markClosed();
        return;
      }
      response.setStatusCode(status);
      response.setChunked(true);
      response.putHeader("Content-Type", contentType);
      headers.forEach(response::putHeader);
      response.writeHead();
    });
    return stream;
  }

  /** A chunked HTTP response body. */
  private final class Stream extends BoundedStream {

    Stream() {
      super(context);
    }

    @Override
    protected Future<Void> send(byte[] chunk) {
      HttpServerResponse response = request.response();
      return response.closed() || response.ended() ? null : response.write(Buffer.buffer(chunk));
    }

    @Override
    public void close() {
      context.runOnContext(v -> {
        HttpServerResponse response = request.response();
        if (!response.ended() && !response.closed()) {
          response.end();
        }
      });
    }
  }
}
