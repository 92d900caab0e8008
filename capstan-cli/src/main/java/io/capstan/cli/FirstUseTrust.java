package io.capstan.cli;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS trust of a node's first join when it does not know the cluster CA: any server
 * certificate is accepted and kept, so that {@link NodeJoin} can check it against the CA the
 * server then names. Used for that one request only.
 */
final class FirstUseTrust extends X509ExtendedTrustManager {

  private volatile X509Certificate serverCertificate;

  SSLContext context() throws IOException {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {this}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("no TLS context: " + e.getMessage(), e);
    }
  }

  /** The certificate the server showed. */
  X509Certificate serverCertificate() throws IOException {
    X509Certificate seen = serverCertificate;
    if (seen == null) {
      throw new IOException("the server showed no certificate");
    }
    return seen;
  }

  private void keep(X509Certificate[] chain) {
    if (chain != null && chain.length > 0) {
      serverCertificate = chain[0];
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) {
    keep(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
    keep(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    keep(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {
    throw new UnsupportedOperationException("client side only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
    throw new UnsupportedOperationException("client side only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    throw new UnsupportedOperationException("client side only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
