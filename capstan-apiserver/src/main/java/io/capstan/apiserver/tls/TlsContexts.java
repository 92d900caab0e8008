package io.capstan.apiserver.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Turns certificates into what a TLS endpoint needs: JDK {@link SSLContext}s (for clients and
 * tests) and Vert.x PEM options (for the API server's listener). The server asks for, but does
 * not require, a client certificate: bearer-token clients present none, and the authenticator
 * decides, with {@link ClientCertificateVerifier}, what a presented certificate is worth.
 */
public final class TlsContexts {

  /** TLS 1.2 and 1.3 only, as the Kubernetes API server defaults to. */
  public static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");
  private static final char[] IN_MEMORY_PASSWORD = "capstan".toCharArray();

  private TlsContexts() {
  }

  /** A server context presenting {@code serving}, trusting client certificates from {@code ca}. */
  public static SSLContext serverContext(IssuedCertificate serving, X509Certificate ca) {
    return context(Optional.of(serving), ca);
  }

  /** A client context trusting servers certified by {@code ca}; presents {@code client} if any. */
  public static SSLContext clientContext(X509Certificate ca, Optional<IssuedCertificate> client) {
    return context(client, ca);
  }

  /** Vert.x options presenting {@code pair}, from its PEM text (no files involved). */
  public static PemKeyCertOptions pemKeyCert(IssuedCertificate pair) {
    return new PemKeyCertOptions()
        .setCertValue(Buffer.buffer(pair.certificatePem()))
        .setKeyValue(Buffer.buffer(pair.privateKeyPem()));
  }

  /** Vert.x options trusting certificates from {@code ca}. */
  public static PemTrustOptions pemTrust(CertificateAuthority ca) {
    return new PemTrustOptions().addCertValue(Buffer.buffer(ca.certificatePem()));
  }

  /**
   * Makes {@code options} (an HTTP listener's) serve TLS only: {@code serving} as its certificate,
   * TLS 1.2+, ALPN so HTTP/2 and HTTP/1.1 are negotiated, client certificates requested but not
   * required, and checked per request rather than in the handshake (see {@link
   * DeferredClientTrust}). Returns {@code options}.
   */
  public static HttpServerOptions secure(HttpServerOptions options, IssuedCertificate serving,
      CertificateAuthority ca) {
    options.setSsl(true)
        .setUseAlpn(true)
        .setKeyCertOptions(pemKeyCert(serving))
        .setTrustOptions(clientTrust(ca))
        .setClientAuth(ClientAuth.REQUEST)
        .setEnabledSecureTransportProtocols(PROTOCOLS);
    return options;
  }

  /**
   * The listener's TLS settings as {@link #secure} sets them ({@code serving} as certificate, TLS
   * 1.2+, ALPN, client certificates from {@code ca} requested), for {@code
   * HttpServer.updateSSLOptions}, which swaps in a renewed certificate without a restart.
   */
  public static ServerSSLOptions serverSslOptions(IssuedCertificate serving,
      CertificateAuthority ca) {
    return new ServerSSLOptions()
        .setKeyCertOptions(pemKeyCert(serving))
        .setTrustOptions(clientTrust(ca))
        .setClientAuth(ClientAuth.REQUEST)
        .setUseAlpn(true)
        .setEnabledSecureTransportProtocols(PROTOCOLS);
  }

  private static TrustOptions clientTrust(CertificateAuthority ca) {
    return TrustOptions.wrap(new DeferredClientTrust(ca.certificate()));
  }

  private static SSLContext context(Optional<IssuedCertificate> own, X509Certificate ca) {
    try {
      KeyStore trusted = emptyKeyStore();
      trusted.setCertificateEntry("ca", ca);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      KeyManager[] keyManagers = null;
      if (own.isPresent()) {
        KeyStore keys = emptyKeyStore();
        keys.setKeyEntry("own", own.get().privateKey(), IN_MEMORY_PASSWORD,
            new X509Certificate[] {own.get().certificate()});
        KeyManagerFactory factory =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, IN_MEMORY_PASSWORD);
        keyManagers = factory.getKeyManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, trust.getTrustManagers(), new SecureRandom());
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a TLS context", e);
    }
  }

  private static KeyStore emptyKeyStore() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    return store;
  }
}
