package io.capstan.apiserver.serviceaccount;

import io.capstan.apiserver.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The claims of a service-account token ({@code pkg/serviceaccount/claims.go}): the registered
 * ones and the private {@code kubernetes.io} claim naming the account and the pod the token is
 * bound to. Written with the keys in Go's order (sorted), as Kubernetes' tokens are:
 *
 * <pre>
 * {"aud":["https://kubernetes.default.svc.cluster.local"],"exp":1700003600,"iat":1700000000,
 *  "iss":"https://kubernetes.default.svc.cluster.local","jti":"…",
 *  "kubernetes.io":{"namespace":"default","pod":{"name":"web","uid":"…"},
 *                   "serviceaccount":{"name":"default","uid":"…"}},
 *  "nbf":1700000000,"sub":"system:serviceaccount:default:default"}
 * </pre>
 */
record TokenClaims(String issuer, String subject, List<String> audiences, Instant issuedAt,
    Instant notBefore, Instant expiry, String id, String namespace, ObjectRef serviceAccount,
    Optional<ObjectRef> pod) {

  static final String PRIVATE_CLAIM = "kubernetes.io";

  /** A name and uid, as the {@code ref} of the private claim. */
  record ObjectRef(String name, String uid) {}

  TokenClaims {
    audiences = List.copyOf(audiences);
  }

  ObjectNode toJson() {
    ObjectNode claims = Json.object();
    audiences.forEach(claims.putArray("aud")::add);
    claims.put("exp", expiry.getEpochSecond());
    claims.put("iat", issuedAt.getEpochSecond());
    claims.put("iss", issuer);
    claims.put("jti", id);
    ObjectNode kubernetes = claims.putObject(PRIVATE_CLAIM);
    kubernetes.put("namespace", namespace);
    pod.ifPresent(p -> ref(kubernetes, "pod", p));
    ref(kubernetes, "serviceaccount", serviceAccount);
    claims.put("nbf", notBefore.getEpochSecond());
    claims.put("sub", subject);
    return claims;
  }

  private static void ref(ObjectNode parent, String field, ObjectRef ref) {
    ObjectNode node = parent.putObject(field);
    node.put("name", ref.name());
    node.put("uid", ref.uid());
  }

  /** The issuer alone, read before anything else to decide whose token this is. */
  static Optional<String> issuerOf(JsonNode claims) {
    JsonNode iss = claims.path("iss");
    return iss.isString() ? Optional.of(iss.stringValue()) : Optional.empty();
  }

  /** The claims of a token of ours; empty when one that Kubernetes requires is missing. */
  static Optional<TokenClaims> fromJson(JsonNode claims) {
    JsonNode kubernetes = claims.path(PRIVATE_CLAIM);
    Optional<ObjectRef> account = refOf(kubernetes.path("serviceaccount"));
    String namespace = kubernetes.path("namespace").asString("");
    if (account.isEmpty() || namespace.isEmpty() || !claims.path("exp").isIntegralNumber()) {
      return Optional.empty();
    }
    JsonNode pod = kubernetes.path("pod");
    Optional<ObjectRef> podRef = refOf(pod);
    if (!pod.isMissingNode() && !pod.isNull() && podRef.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TokenClaims(claims.path("iss").asString(""),
        claims.path("sub").asString(""), audiencesOf(claims.path("aud")),
        Instant.ofEpochSecond(claims.path("iat").asLong(0)),
        Instant.ofEpochSecond(claims.path("nbf").asLong(0)),
        Instant.ofEpochSecond(claims.path("exp").asLong()), claims.path("jti").asString(""),
        namespace, account.get(), podRef));
  }

  /** RFC 7519 allows {@code aud} as one string or an array of them. */
  private static List<String> audiencesOf(JsonNode aud) {
    List<String> out = new ArrayList<>();
    if (aud.isString()) {
      out.add(aud.stringValue());
    }
    for (JsonNode item : aud.isArray() ? aud : Json.MAPPER.createArrayNode()) {
      if (item.isString()) {
        out.add(item.stringValue());
      }
    }
    return out;
  }

  private static Optional<ObjectRef> refOf(JsonNode node) {
    String name = node.path("name").asString("");
    String uid = node.path("uid").asString("");
    return name.isEmpty() || uid.isEmpty() ? Optional.empty() : Optional.of(new ObjectRef(name, uid));
  }
}
