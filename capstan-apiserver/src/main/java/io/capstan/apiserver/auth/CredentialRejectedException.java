package io.capstan.apiserver.auth;

/**
 * A credential was presented but is not valid: the request must get 401, not be treated as
 * anonymous. The message is for the server log; it never contains the credential itself, and the
 * client only ever sees {@link AccessErrors#unauthorized()}.
 */
public final class CredentialRejectedException extends RuntimeException {

  public CredentialRejectedException(String reason) {
    super(reason, null, false, false);
  }
}
