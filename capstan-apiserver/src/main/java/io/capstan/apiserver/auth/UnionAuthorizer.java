package io.capstan.apiserver.auth;

import java.util.List;

/**
 * Asks each authorizer in turn: the first allow or deny decides; if every one has no opinion the
 * request is denied, as Kubernetes denies what no authorizer allows.
 */
public final class UnionAuthorizer implements Authorizer {

  private final List<Authorizer> authorizers;

  public UnionAuthorizer(List<Authorizer> authorizers) {
    this.authorizers = List.copyOf(authorizers);
  }

  @Override
  public Decision authorize(RequestAttributes request) {
    for (Authorizer authorizer : authorizers) {
      Decision decision = authorizer.authorize(request);
      if (decision.verdict() != Decision.Verdict.NO_OPINION) {
        return decision;
      }
    }
    return Decision.deny("");
  }
}
