package io.capstan.apiserver.auth;

import java.util.Optional;

/** Recognises one kind of credential, as Kubernetes' authenticator.Request does. */
public interface Authenticator {

  /**
   * The user the credentials name; empty when they hold no credential of this authenticator's
   * kind (the request may still be someone else's to recognise, or anonymous).
   *
   * @throws CredentialRejectedException when a credential of this kind is present but invalid
   */
  Optional<UserInfo> authenticate(Credentials credentials);
}
