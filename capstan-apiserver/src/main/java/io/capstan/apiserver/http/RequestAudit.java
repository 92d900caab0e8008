package io.capstan.apiserver.http;

import io.capstan.apiserver.auth.UserInfo;
import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.guard.AuditLog;
import io.capstan.apiserver.guard.AuditRecord;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a served mutating request into an audit record (who, what, when, with what result) at
 * Kubernetes' Metadata level: never a body, never a credential.
 */
final class RequestAudit {

  private static final String ANONYMOUS = "system:anonymous";

  private final AuditLog log;
  private final Clock clock;

  RequestAudit(AuditLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  /** Records the request if it changes state; {@code failure} is what it was refused with. */
  void record(Exchange exchange, RequestScope scope, Optional<ApiException> failure) {
    if (!AuditRecord.isMutating(exchange.method())) {
      return;
    }
    Optional<RequestPath> path = RequestPath.parse(exchange.path());
    boolean named = path.map(RequestPath::hasName).orElse(true);
    // As Kubernetes' audit does, a create's object reference carries the new object's name.
    String name = path.map(RequestPath::name).orElse("");
    if (!named && exchange.method().equals("POST")) {
      name = BodyNames.metadataName(exchange).orElse("");
    }
    String objectName = name;
    AuditRecord.ObjectRef ref = path.map(p -> new AuditRecord.ObjectRef(p.resource(),
        p.namespace(), objectName, p.group(), p.version(), p.subresource()))
        .orElse(AuditRecord.ObjectRef.NONE);
    UserInfo user = scope.user().orElse(null);
    int code = failure.map(ApiException::code).orElse(exchange.status());
    log.record(new AuditRecord(UUID.randomUUID(), exchange.method(), exchange.uri(),
        AuditRecord.verbOf(exchange.method(), named),
        user == null ? ANONYMOUS : user.name(),
        user == null ? List.of("system:unauthenticated") : user.groups(),
        exchange.remoteAddress(), exchange.header("User-Agent").orElse(""), ref, code,
        failure.map(e -> nullToEmpty(e.status().getReason())).orElse(""),
        failure.map(e -> nullToEmpty(e.status().getMessage())).orElse(""),
        scope.received(), clock.instant()));
  }

  void close() {
    log.close();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
