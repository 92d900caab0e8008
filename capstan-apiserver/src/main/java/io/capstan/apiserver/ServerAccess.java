package io.capstan.apiserver;

import io.capstan.apiserver.auth.Authenticator;
import io.capstan.apiserver.auth.CachedNodeGraph;
import io.capstan.apiserver.auth.CertificateAuthenticator;
import io.capstan.apiserver.auth.DiscoveryAuthorizer;
import io.capstan.apiserver.auth.MastersAuthorizer;
import io.capstan.apiserver.auth.NodeAuthorizer;
import io.capstan.apiserver.auth.ProxyAuthorizer;
import io.capstan.apiserver.auth.ServiceAccountReadOnlyAuthorizer;
import io.capstan.apiserver.auth.TokenAuthenticator;
import io.capstan.apiserver.auth.UnionAuthenticator;
import io.capstan.apiserver.auth.UnionAuthorizer;
import io.capstan.apiserver.http.HttpSecurity;
import io.capstan.apiserver.registry.ResourceType;
import io.capstan.apiserver.tls.CertificateAuthority;
import io.capstan.apiserver.tls.ClientCertificateVerifier;
import io.capstan.apiserver.tls.ServingCertificate;
import io.capstan.apiserver.tls.SubjectAltNames;
import io.capstan.apiserver.watch.WatchCache;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles a secure server's certificates, authenticators and authorizers from its {@link
 * ApiSecurity}: the CA and serving certificate under the TLS directory; the authenticators
 * (service-account tokens, static tokens, client certificates); and the authorizers in
 * Kubernetes' order of precedence — the admin, discovery for everyone, nodes,
 * node proxies, read-only service accounts — with everything else denied.
 */
final class ServerAccess {

  private static final Logger LOG = LoggerFactory.getLogger(ServerAccess.class);

  private final CertificateAuthority ca;
  private final SubjectAltNames wantedNames;
  private final ApiSecurity security;
  private final Clock clock;

  private ServerAccess(CertificateAuthority ca, SubjectAltNames wantedNames,
      ApiSecurity security, Clock clock) {
    this.ca = ca;
    this.wantedNames = wantedNames;
    this.security = security;
    this.clock = clock;
  }

  /** Loads (on first start, creates) the CA under the TLS directory. */
  static ServerAccess load(ApiSecurity security, Clock clock) {
    CertificateAuthority ca = CertificateAuthority.loadOrCreate(security.tlsDir(), clock);
    return new ServerAccess(ca, SubjectAltNames.localDefaults(security.extraSans()), security,
        clock);
  }

  CertificateAuthority ca() {
    return ca;
  }

  /** The serving certificate: the stored one while still good, a new one otherwise. */
  ServingCertificate servingCertificate() {
    ServingCertificate serving = ServingCertificate.loadOrIssue(security.tlsDir(), ca,
        wantedNames, clock);
    if (serving.origin() == ServingCertificate.Origin.ISSUED) {
      LOG.info("issued a serving certificate for {}: {}", wantedNames, serving.reason());
    }
    return serving;
  }

  HttpSecurity http(WatchCache cache, ResourceType pods, List<Authenticator> extra) {
    // Service-account tokens first: the static-token authenticator rejects bearer tokens it does
    // not know, and although the union would still try the next, this way a pod's request is
    // recognised without a rejection on the way.
    List<Authenticator> authenticators = new ArrayList<>(extra);
    if (!security.tokens().isEmpty()) {
      authenticators.add(new TokenAuthenticator(security.tokens()));
    }
    authenticators.add(new CertificateAuthenticator(
        new ClientCertificateVerifier(ca.certificate(), clock)));
    UnionAuthorizer authorizer = new UnionAuthorizer(List.of(
        new MastersAuthorizer(),
        new DiscoveryAuthorizer(),
        new NodeAuthorizer(new CachedNodeGraph(cache, pods.keyPrefix())),
        new ProxyAuthorizer(),
        new ServiceAccountReadOnlyAuthorizer()));
    return new HttpSecurity(ca, servingCertificate().issued(),
        new UnionAuthenticator(authenticators), authorizer, security.joinToken());
  }
}
