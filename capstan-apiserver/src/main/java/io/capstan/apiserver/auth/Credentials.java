package io.capstan.apiserver.auth;

import java.security.cert.Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a request presents to prove who it is.
 *
 * @param authorization the {@code Authorization} header's value, if sent
 * @param clientChain the TLS peer certificates, leaf first; empty when none were presented
 */
public record Credentials(Optional<String> authorization, List<? extends Certificate> clientChain) {

  public Credentials {
    clientChain = List.copyOf(clientChain);
  }

  public static Credentials none() {
    return new Credentials(Optional.empty(), List.of());
  }

  public static Credentials bearer(String token) {
    return new Credentials(Optional.of("Bearer " + token), List.of());
  }

  public static Credentials certificates(List<? extends Certificate> chain) {
    return new Credentials(Optional.empty(), chain);
  }

  /**
   * The token of {@code Authorization: Bearer <token>} (scheme case-insensitive); empty for no
   * header, another scheme (Basic), or an empty token.
   */
  public Optional<String> bearerToken() {
    return authorization.flatMap(header -> {
      String trimmed = header.trim();
      int space = trimmed.indexOf(' ');
      if (space < 0
          || !trimmed.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
        return Optional.empty();
      }
      String token = trimmed.substring(space + 1).trim();
      return token.isEmpty() ? Optional.empty() : Optional.of(token);
    });
  }
}
