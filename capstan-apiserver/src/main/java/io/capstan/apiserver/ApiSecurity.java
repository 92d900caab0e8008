package io.capstan.apiserver;

import io.capstan.apiserver.auth.UserInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a server that faces users protects itself: its certificates live in {@code tlsDir} (the CA,
 * the serving certificate, the service-account signing key), it serves only HTTPS, and every
 * request must authenticate with one of {@code tokens}, a client certificate from the CA, or a
 * service-account token it issued.
 *
 * @param tlsDir where the CA, serving certificate and signing keys are created and kept
 * @param extraSans addresses and names the serving certificate must also cover ({@code --tls-san})
 * @param tokens static bearer tokens and the users they authenticate (the admin's)
 * @param joinToken the shared secret with which nodes obtain their own credentials
 * @param auditLog where mutating requests are recorded; empty for no audit log
 */
public record ApiSecurity(Path tlsDir, List<String> extraSans, Map<String, UserInfo> tokens,
    Optional<String> joinToken, Optional<Path> auditLog) {

  public ApiSecurity {
    extraSans = List.copyOf(extraSans);
    tokens = Map.copyOf(tokens);
  }
}
