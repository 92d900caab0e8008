package io.capstan.apiserver.http;

import io.capstan.apiserver.auth.Authenticator;
import io.capstan.apiserver.auth.Authorizer;
import io.capstan.apiserver.tls.CertificateAuthority;
import io.capstan.apiserver.tls.IssuedCertificate;
import java.util.Optional;

/**
 * What the HTTP side needs to serve only HTTPS and only to those allowed: the CA (trusted for
 * client certificates, and the signer of joining nodes' certificates), the serving certificate,
 * who is asking and what they may do, and the token with which nodes join.
 */
public record HttpSecurity(CertificateAuthority ca, IssuedCertificate serving,
    Authenticator authenticator, Authorizer authorizer, Optional<String> joinToken) {}
