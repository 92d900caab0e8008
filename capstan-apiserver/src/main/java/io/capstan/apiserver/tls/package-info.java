/**
 * The server's certificates, made the way k3s makes them so kubectl and client libraries need
 * nothing special: a self-signed ECDSA P-256 {@link io.capstan.apiserver.tls.CertificateAuthority}
 * created once under the data dir ({@code tls/ca.crt}, {@code tls/ca.key}) and kept for the life
 * of the installation, so kubeconfigs stay valid across restarts; a {@link
 * io.capstan.apiserver.tls.ServingCertificate} for the HTTPS listener, reused while it still names
 * every wanted address and is more than 30 days from expiry, re-issued by the same CA otherwise;
 * client certificates whose CN is the user and whose O values are the groups, checked by {@link
 * io.capstan.apiserver.tls.ClientCertificateVerifier}. Private keys go to disk through {@link
 * io.capstan.apiserver.tls.SecureFiles}: created mode 0600 and moved into place atomically, so no
 * reader ever sees a wider mode or half a file. {@link io.capstan.apiserver.tls.TlsContexts} turns
 * the material into JDK {@code SSLContext}s and Vert.x PEM options.
 */
package io.capstan.apiserver.tls;
