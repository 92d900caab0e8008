package io.capstan.apiserver.auth;

/** Members of {@code system:masters} may do anything, as in Kubernetes. */
public final class MastersAuthorizer implements Authorizer {

  @Override
  public Decision authorize(RequestAttributes request) {
    return request.user().inGroup(UserInfo.MASTERS) ? Decision.allow("") : Decision.noOpinion();
  }
}
