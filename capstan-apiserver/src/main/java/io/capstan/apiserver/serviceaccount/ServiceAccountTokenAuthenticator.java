package io.capstan.apiserver.serviceaccount;

import io.capstan.apiserver.auth.Authenticator;
import io.capstan.apiserver.auth.CredentialRejectedException;
import io.capstan.apiserver.auth.Credentials;
import io.capstan.apiserver.auth.UserInfo;
import io.capstan.apiserver.json.Meta;
import io.capstan.apiserver.registry.ObjectKeys;
import io.capstan.apiserver.registry.ResourceType;
import io.capstan.apiserver.watch.CachedObject;
import io.capstan.apiserver.watch.WatchCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bearer tokens this server issued ({@code pkg/serviceaccount/jwt.go} and {@code claims.go}).
 * A bearer token that is not a JWT, or a JWT from another issuer, is not ours: it is left to the
 * next authenticator (so this one must run before the static-token authenticator, which rejects
 * tokens it does not know). A JWT with our issuer must pass every check or the request is
 * rejected: the ES256 signature under our key, the validity window (with go-jose's one-minute
 * leeway), an audience the API server accepts, and — looked up in the watch cache — an account
 * that still exists with the uid the token names and, for a bound token, a pod that still exists
 * with its uid and is not past its deletion time. Tokens never reach a log or an error message.
 */
public final class ServiceAccountTokenAuthenticator implements Authenticator {

  static final Duration LEEWAY = Duration.ofMinutes(1);

  private final SignedTokens tokens;
  private final WatchCache cache;
  private final ResourceType serviceAccountType;
  private final ResourceType podType;
  private final Clock clock;

  ServiceAccountTokenAuthenticator(SignedTokens tokens, WatchCache cache,
      ResourceType serviceAccountType, ResourceType podType, Clock clock) {
    this.tokens = tokens;
    this.cache = cache;
    this.serviceAccountType = serviceAccountType;
    this.podType = podType;
    this.clock = clock;
  }

  @Override
  public Optional<UserInfo> authenticate(Credentials credentials) {
    Optional<SignedTokens.Parsed> token = credentials.bearerToken().flatMap(SignedTokens::parse);
    if (token.isEmpty()
        || !TokenClaims.issuerOf(token.get().claims()).orElse("").equals(ServiceAccounts.ISSUER)) {
      return Optional.empty();
    }
    if (!tokens.verify(token.get())) {
      throw new CredentialRejectedException("service account token: invalid signature");
    }
    TokenClaims claims = TokenClaims.fromJson(token.get().claims()).orElseThrow(
        () -> new CredentialRejectedException("service account token: malformed claims"));
    checkTimes(claims);
    if (!claims.audiences().contains(ServiceAccounts.ISSUER)) {
      throw new CredentialRejectedException("service account token: audiences "
          + claims.audiences() + " are not accepted by the API server");
    }
    String namespace = claims.namespace();
    String name = claims.serviceAccount().name();
    if (!claims.subject().equals("system:serviceaccount:" + namespace + ":" + name)) {
      throw new CredentialRejectedException("service account token: subject does not match "
          + "its kubernetes.io claim");
    }
    ObjectNode account = lookUp(serviceAccountType, namespace, name).orElseThrow(
        () -> rejected("service account " + namespace + "/" + name + " has been deleted"));
    if (!Meta.uid(account).equals(claims.serviceAccount().uid())) {
      throw rejected("service account uid of " + namespace + "/" + name + " changed: the "
          + "account was deleted and recreated");
    }
    if (Meta.deletionTimestamp(account).isPresent()) {
      throw rejected("service account " + namespace + "/" + name + " is being deleted");
    }
    if (claims.pod().isPresent()) {
      checkPod(namespace, claims.pod().get());
    }
    return Optional.of(UserInfo.serviceAccount(namespace, name));
  }

  private void checkTimes(TokenClaims claims) {
    Instant now = clock.instant();
    if (now.isAfter(claims.expiry().plus(LEEWAY))) {
      throw rejected("service account token has expired");
    }
    if (now.plus(LEEWAY).isBefore(claims.notBefore())) {
      throw rejected("service account token is not valid yet");
    }
  }

  private void checkPod(String namespace, TokenClaims.ObjectRef ref) {
    ObjectNode pod = lookUp(podType, namespace, ref.name()).orElseThrow(
        () -> rejected("pod " + namespace + "/" + ref.name() + " the token is bound to "
            + "has been deleted"));
    if (!Meta.uid(pod).equals(ref.uid())) {
      throw rejected("pod " + namespace + "/" + ref.name() + " the token is bound to was "
          + "deleted and recreated");
    }
    Optional<Instant> deletion = Meta.deletionTimestamp(pod).map(Instant::parse);
    if (deletion.isPresent() && deletion.get().isBefore(clock.instant())) {
      throw rejected("pod " + namespace + "/" + ref.name() + " the token is bound to is "
          + "past its deletion time");
    }
  }

  private Optional<ObjectNode> lookUp(ResourceType type, String namespace, String name) {
    return cache.get(ObjectKeys.key(type, namespace, name)).map(CachedObject::object);
  }

  private static CredentialRejectedException rejected(String reason) {
    return new CredentialRejectedException(reason);
  }
}
