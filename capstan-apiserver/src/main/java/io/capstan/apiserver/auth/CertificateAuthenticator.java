package io.capstan.apiserver.auth;

import io.capstan.apiserver.tls.ClientCertificateVerifier;
import io.capstan.apiserver.tls.ClientIdentity;
import io.capstan.apiserver.tls.ClientVerification;
import java.util.Optional;

/**
 * X.509 client certificates signed by our CA: the CN is the user, the O values the groups. No
 * certificate is not this authenticator's business; one that is foreign, expired or not meant for
 * clients is rejected.
 */
public final class CertificateAuthenticator implements Authenticator {

  private final ClientCertificateVerifier verifier;

  public CertificateAuthenticator(ClientCertificateVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public Optional<UserInfo> authenticate(Credentials credentials) {
    if (credentials.clientChain().isEmpty()) {
      return Optional.empty();
    }
    return switch (verifier.verify(credentials.clientChain())) {
      case ClientVerification.Verified(ClientIdentity client) ->
          Optional.of(new UserInfo(client.user(), client.groups()));
      case ClientVerification.Rejected(String reason) ->
          throw new CredentialRejectedException(reason);
    };
  }
}
