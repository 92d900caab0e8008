package io.capstan.apiserver.tls;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The server side's trust manager: it accepts whatever client certificate a peer presents during
 * the handshake and leaves the decision to the authenticator, as Go's {@code RequestClientCert}
 * does for kube-apiserver. A certificate from another CA, or an expired one, then gets Kubernetes'
 * 401 Status instead of a torn-down connection the client cannot explain. It names our CA as the
 * acceptable issuer, so clients with several certificates pick ours.
 */
final class DeferredClientTrust extends X509ExtendedTrustManager {

  private final X509Certificate ca;

  DeferredClientTrust(X509Certificate ca) {
    this.ca = ca;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {
    // Verified per request by ClientCertificateVerifier.
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
    // Verified per request by ClientCertificateVerifier.
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    // Verified per request by ClientCertificateVerifier.
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) {
    throw new UnsupportedOperationException("a server's trust manager checks no servers");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
    throw new UnsupportedOperationException("a server's trust manager checks no servers");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    throw new UnsupportedOperationException("a server's trust manager checks no servers");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[] {ca};
  }
}
