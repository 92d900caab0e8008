package io.capstan.apiserver.auth;

import java.util.Set;

/**
 * Service accounts may read and nothing more: get, list and watch on any resource, and GET on
 * non-resource paths (discovery, {@code /version}). Every other request of a service account is
 * denied; other users are left to the other authorizers.
 */
public final class ServiceAccountReadOnlyAuthorizer implements Authorizer {

  private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");

  @Override
  public Decision authorize(RequestAttributes request) {
    if (!request.user().isServiceAccount()) {
      return Decision.noOpinion();
    }
    if (READ_VERBS.contains(request.verb())) {
      return Decision.allow("service accounts may read");
    }
    return Decision.deny("service accounts are read-only");
  }
}
