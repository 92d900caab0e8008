package io.capstan.apiserver.tls;

import java.util.Optional;

/** The outcome of checking a presented client certificate chain. */
public sealed interface ClientVerification {

  /** The identity when verified, otherwise empty. */
  default Optional<ClientIdentity> identity() {
    return this instanceof Verified verified ? Optional.of(verified.client()) : Optional.empty();
  }

  /** The chain is ours, current and meant for clients; {@code client} is who it names. */
  record Verified(ClientIdentity client) implements ClientVerification {
  }

  /** The chain is not accepted; {@code reason} is for the server log, not for the client. */
  record Rejected(String reason) implements ClientVerification {
  }
}
