package io.capstan.apiserver.http;

import io.capstan.apiserver.auth.AccessErrors;
import io.capstan.apiserver.auth.Authenticator;
import io.capstan.apiserver.auth.Authorizer;
import io.capstan.apiserver.auth.CredentialRejectedException;
import io.capstan.apiserver.auth.Decision;
import io.capstan.apiserver.auth.RequestAttributes;
import io.capstan.apiserver.auth.ResourcePath;
import io.capstan.apiserver.auth.UserInfo;
import io.capstan.apiserver.errors.ApiException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may do what, asked before any handler runs: the request is authenticated (401 when it
 * presents no credential, or a wrong one, unless it only asks whether the server is alive or which
 * version it runs), then authorized (403 with Kubernetes' wording).
 */
final class AccessControl {

  private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);

  /** What anyone may read without credentials, as Kubernetes' system:public-info-viewer. */
  private static final Set<String> PUBLIC_PATHS = Set.of("/healthz", "/livez", "/readyz",
      "/version", "/healthz/", "/livez/", "/readyz/", "/version/");

  private final Optional<Authenticator> authenticator;
  private final Authorizer authorizer;

  private AccessControl(Optional<Authenticator> authenticator, Authorizer authorizer) {
    this.authenticator = authenticator;
    this.authorizer = authorizer;
  }

  static AccessControl of(Authenticator authenticator, Authorizer authorizer) {
    return new AccessControl(Optional.of(authenticator), authorizer);
  }

  /** No access control: every request acts as the admin. Only for servers nobody else reaches. */
  static AccessControl open() {
    return new AccessControl(Optional.empty(), request -> Decision.allow("open server"));
  }

  /**
   * The user the request acts as, if it may proceed; noted in {@code scope} as soon as it is
   * known, so that a refused request is still attributed to its sender.
   *
   * @throws ApiException 401 or 403
   */
  Optional<UserInfo> admit(Exchange exchange, RequestScope scope) {
    if (authenticator.isEmpty()) {
      scope.authenticated(Optional.of(UserInfo.admin()));
      return Optional.of(UserInfo.admin());
    }
    Optional<UserInfo> user;
    try {
      user = authenticator.get().authenticate(exchange.credentials());
    } catch (CredentialRejectedException e) {
      // The reason is for the server's log only; the client learns nothing about its credential.
      LOG.debug("rejected credentials from {} for {} {}: {}", exchange.remoteAddress(),
          exchange.method(), exchange.path(), e.getMessage());
      throw AccessErrors.unauthorized();
    }
    scope.authenticated(user);
    if (user.isEmpty()) {
      if (isPublic(exchange)) {
        return Optional.empty();
      }
      throw AccessErrors.unauthorized();
    }
    RequestAttributes attributes = attributes(user.get(), exchange);
    Decision decision = authorizer.authorize(attributes);
    if (!decision.allowed()) {
      throw AccessErrors.forbidden(attributes, decision.reason());
    }
    return user;
  }

  private static boolean isPublic(Exchange exchange) {
    String method = exchange.method();
    return (method.equals("GET") || method.equals("HEAD"))
        && PUBLIC_PATHS.contains(exchange.path());
  }

  private static RequestAttributes attributes(UserInfo user, Exchange exchange) {
    Optional<RequestPath> path = RequestPath.parse(exchange.path());
    if (path.isEmpty()) {
      return RequestAttributes.ofPath(user, exchange.method(), exchange.path());
    }
    RequestPath p = path.get();
    RequestAttributes attributes = RequestAttributes.ofResource(user, exchange.method(),
        new ResourcePath(p.group(), p.namespace(), p.resource(), p.name(), p.subresource(),
            p.watchPath()),
        exchange.queryParams());
    if (attributes.verb().equals("create") && attributes.name().isEmpty()
        && (user.nodeName().isPresent() || user.proxyNodeName().isPresent())) {
      // A node or its proxy may create only its own Node and Leases: the name is in the body.
      attributes = attributes.withName(BodyNames.metadataName(exchange).orElse(""));
    }
    return attributes;
  }
}
