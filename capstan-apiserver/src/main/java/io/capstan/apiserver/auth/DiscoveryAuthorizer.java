package io.capstan.apiserver.auth;

import java.util.List;
import java.util.Set;

/**
 * Every authenticated user may read discovery, the OpenAPI documents, the version and the health
 * endpoints, as Kubernetes' {@code system:discovery} and {@code system:public-info-viewer} roles
 * grant; without them a client cannot even find out which resources it may not touch. Other
 * requests are left to other authorizers.
 */
public final class DiscoveryAuthorizer implements Authorizer {

  private static final Set<String> EXACT =
      Set.of("/api", "/apis", "/version", "/healthz", "/livez", "/readyz", "/openapi/v2");
  private static final List<String> PREFIXES =
      List.of("/api/", "/apis/", "/openapi/v3", "/healthz/", "/livez/", "/readyz/");

  @Override
  public Decision authorize(RequestAttributes request) {
    if (request.isResourceRequest() || !request.verb().equals("get")
        || !request.user().inGroup(UserInfo.AUTHENTICATED)) {
      return Decision.noOpinion();
    }
    String path = request.path();
    boolean open = EXACT.contains(path)
        || (!path.contains("..") && PREFIXES.stream().anyMatch(path::startsWith));
    return open ? Decision.allow("authenticated users may read discovery") : Decision.noOpinion();
  }
}
