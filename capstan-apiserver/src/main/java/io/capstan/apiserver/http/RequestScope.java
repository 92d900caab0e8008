package io.capstan.apiserver.http;

import io.capstan.apiserver.auth.UserInfo;
import java.time.Instant;
import java.util.Optional;

/**
 * What the server learns about one request while serving it, for the audit log: when it arrived
 * and, once authenticated, who sent it.
 */
final class RequestScope {

  private final Instant received;
  private volatile Optional<UserInfo> user = Optional.empty();

  RequestScope(Instant received) {
    this.received = received;
  }

  Instant received() {
    return received;
  }

  Optional<UserInfo> user() {
    return user;
  }

  void authenticated(Optional<UserInfo> who) {
    this.user = who;
  }
}
