package io.capstan.cli;

import io.capstan.apiserver.tls.IssuedCertificate;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How an in-process component reaches the API server: its URL, the CA that certifies it, and the
 * component's own client certificate. Every component has an identity of its own, so the audit
 * log and the per-client limits tell them apart, and none holds more than it needs.
 */
record ApiCredentials(String url, String caPem, Optional<IssuedCertificate> client) {

  /** A fabric8 client configuration presenting the client certificate, if any. */
  Config fabric8() {
    ConfigBuilder config = new ConfigBuilder()
        .withMasterUrl(url)
        .withCaCertData(base64(caPem));
    client.ifPresent(c -> config
        .withClientCertData(base64(c.certificatePem()))
        .withClientKeyData(base64(c.privateKeyPem()))
        .withClientKeyAlgo("EC"));
    return config.build();
  }

  private static String base64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    return "ApiCredentials[" + url + ", " + client.map(IssuedCertificate::toString).orElse("none")
        + "]";
  }
}
