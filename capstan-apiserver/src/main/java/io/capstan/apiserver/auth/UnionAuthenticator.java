package io.capstan.apiserver.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks each authenticator in turn, as Kubernetes' union authenticator does: the first that
 * recognises the request wins, and the user gets {@code system:authenticated}. If none does but
 * one rejected a credential, the request is rejected (401), never let through as anonymous; if no
 * credential was presented at all, the answer is empty.
 */
public final class UnionAuthenticator implements Authenticator {

  private final List<Authenticator> authenticators;

  public UnionAuthenticator(List<Authenticator> authenticators) {
    this.authenticators = List.copyOf(authenticators);
  }

  @Override
  public Optional<UserInfo> authenticate(Credentials credentials) {
    List<String> rejections = new ArrayList<>();
    for (Authenticator authenticator : authenticators) {
      try {
        Optional<UserInfo> user = authenticator.authenticate(credentials);
        if (user.isPresent()) {
          return Optional.of(user.get().withAuthenticatedGroup());
        }
      } catch (CredentialRejectedException e) {
        rejections.add(e.getMessage());
      }
    }
    if (!rejections.isEmpty()) {
      throw new CredentialRejectedException(String.join("; ", rejections));
    }
    return Optional.empty();
  }
}
