package io.capstan.apiserver.serviceaccount;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.json.Meta;
import io.capstan.apiserver.registry.GenericRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST .../serviceaccounts/{name}/token}: turns an {@code authentication.k8s.io/v1}
 * TokenRequest into a signed token, in the steps of Kubernetes' {@code TokenREST.Create}: the
 * body's name and namespace must match the URL, the account must exist, audiences default to the
 * API server's, expiry defaults to an hour and may not be under ten minutes, a bound Pod must
 * exist, run as this account and have the uid the reference names. Requests for longer than
 * {@link #MAX_EXPIRATION_SECONDS} are shortened with a warning, as with
 * {@code --service-account-max-token-expiration=48h}.
 */
public final class TokenRequests {

  public static final String GROUP = "authentication.k8s.io";
  public static final String KIND = "TokenRequest";
  static final long DEFAULT_EXPIRATION_SECONDS = 3600;
  static final long MIN_EXPIRATION_SECONDS = 600;
  static final long MAX_EXPIRATION_SECONDS = 48 * 3600;

  private final GenericRegistry serviceAccounts;
  private final GenericRegistry pods;
  private final SignedTokens tokens;
  private final Clock clock;
  private final Supplier<String> ids;

  TokenRequests(GenericRegistry serviceAccounts, GenericRegistry pods, SignedTokens tokens,
      Clock clock, Supplier<String> ids) {
    this.serviceAccounts = serviceAccounts;
    this.pods = pods;
    this.tokens = tokens;
    this.clock = clock;
    this.ids = ids;
  }

  /** The answer: the TokenRequest with its status, and warnings for the response header. */
  public record Issued(ObjectNode tokenRequest, List<String> warnings) {
    public Issued {
      warnings = List.copyOf(warnings);
    }
  }

  /** Issues a token for {@code namespace/name}; failures are Kubernetes Status errors. */
  public Issued create(String namespace, String name, ObjectNode body) {
    checkKind(body);
    String bodyName = Meta.name(body);
    if (!bodyName.isEmpty() && !bodyName.equals(name)) {
      throw invalid(name, FieldError.invalid("metadata.name", bodyName,
          "must match the service account name if specified"));
    }
    String bodyNamespace = Meta.namespace(body);
    if (!bodyNamespace.isEmpty() && !bodyNamespace.equals(namespace)) {
      throw invalid(name, FieldError.invalid("metadata.namespace", bodyNamespace,
          "must match the service account namespace if specified"));
    }
    ObjectNode account = serviceAccounts.get(namespace, name);
    JsonNode spec = body.path("spec");
    List<String> audiences = audiences(spec.path("audiences"));
    long expirationSeconds = expirationSeconds(spec.path("expirationSeconds"));
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    if (expirationSeconds < MIN_EXPIRATION_SECONDS) {
      throw invalid("", FieldError.invalid("spec.expirationSeconds", expirationSeconds,
          "may not specify a duration less than 10 minutes"));
    }
    if (expirationSeconds > 1L << 32) {
      throw invalid("", FieldError.tooLong("spec.expirationSeconds", expirationSeconds, 1L << 32,
          "seconds"));
    }
    Optional<TokenClaims.ObjectRef> pod = boundPod(namespace, name, spec.path("boundObjectRef"));
    List<String> warnings = new ArrayList<>();
    if (expirationSeconds > MAX_EXPIRATION_SECONDS) {
      warnings.add("requested expiration of " + expirationSeconds + " seconds shortened to "
          + MAX_EXPIRATION_SECONDS + " seconds");
      expirationSeconds = MAX_EXPIRATION_SECONDS;
    }
    Instant expiry = now.plusSeconds(expirationSeconds);
    TokenClaims claims = new TokenClaims(ServiceAccounts.ISSUER,
        "system:serviceaccount:" + namespace + ":" + name, audiences, now, now, expiry,
        ids.get(), namespace, new TokenClaims.ObjectRef(name, Meta.uid(account)), pod);
    return new Issued(response(body, namespace, name, now, audiences, expirationSeconds,
        tokens.sign(claims.toJson()), expiry), warnings);
  }

  private static void checkKind(ObjectNode body) {
    String kind = body.path("kind").asString("");
    String apiVersion = body.path("apiVersion").asString("");
    if ((!kind.isEmpty() && !kind.equals(KIND))
        || (!apiVersion.isEmpty() && !apiVersion.startsWith(GROUP + "/"))) {
      throw ApiException.badRequest("the body of the request was in an unknown format - accepted "
          + "media types include: application/json, application/yaml; expected "
          + GROUP + "/v1, Kind=" + KIND);
    }
  }

  private static List<String> audiences(JsonNode audiences) {
    List<String> out = new ArrayList<>();
    if (audiences.isArray()) {
      audiences.forEach(a -> out.add(a.asString("")));
    }
    return out.isEmpty() ? List.of(ServiceAccounts.ISSUER) : out;
  }

  private static long expirationSeconds(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return DEFAULT_EXPIRATION_SECONDS;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw ApiException.badRequest("spec.expirationSeconds must be an integer");
    }
    return value.asLong();
  }

  /**
   * The pod a token is bound to. Kubernetes also binds to Secrets and Nodes; Capstan's node agent
   * only ever asks for pod-bound tokens, so other kinds are refused as unknown ones are.
   */
  private Optional<TokenClaims.ObjectRef> boundPod(String namespace, String account,
      JsonNode ref) {
    if (ref.isMissingNode() || ref.isNull()) {
      return Optional.empty();
    }
    String kind = ref.path("kind").asString("");
    String apiVersion = ref.path("apiVersion").asString("");
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1)
        : apiVersion;
    if (!group.isEmpty() || !kind.equals("Pod")) {
      throw ApiException.badRequest("cannot bind token to object of type "
          + (group.isEmpty() ? "" : group + "/") + version + ", Kind=" + kind);
    }
    String name = ref.path("name").asString("");
    ObjectNode pod = pods.get(namespace, name);
    if (!account.equals(pod.path("spec").path("serviceAccountName").asString(""))) {
      throw ApiException.badRequest("cannot bind token for serviceaccount \"" + account
          + "\" to pod running with different serviceaccount name.");
    }
    String uid = ref.path("uid").asString("");
    if (!uid.isEmpty() && !uid.equals(Meta.uid(pod))) {
      throw ApiException.conflict("", "Pod", name, "the UID in the bound object reference ("
          + uid + ") does not match the UID in record. The object might have been deleted and "
          + "then recreated");
    }
    return Optional.of(new TokenClaims.ObjectRef(name, Meta.uid(pod)));
  }

  private static ObjectNode response(ObjectNode body, String namespace, String name, Instant now,
      List<String> audiences, long expirationSeconds, String token, Instant expiry) {
    ObjectNode out = Json.object();
    out.put("kind", KIND);
    out.put("apiVersion", GROUP + "/v1");
    ObjectNode meta = body.path("metadata").isObject()
        ? ((ObjectNode) body.get("metadata")).deepCopy() : Json.object();
    meta.put("name", name);
    meta.put("namespace", namespace);
    meta.put("creationTimestamp", now.toString());
    out.set("metadata", meta);
    ObjectNode spec = out.putObject("spec");
    audiences.forEach(spec.putArray("audiences")::add);
    spec.put("expirationSeconds", expirationSeconds);
    JsonNode bound = body.path("spec").path("boundObjectRef");
    if (bound.isObject()) {
      spec.set("boundObjectRef", bound.deepCopy());
    } else {
      spec.putNull("boundObjectRef");
    }
    ObjectNode status = out.putObject("status");
    status.put("token", token);
    status.put("expirationTimestamp", expiry.toString());
    return out;
  }

  private static ApiException invalid(String name, FieldError error) {
    return ApiException.invalid(GROUP, KIND, name, List.of(error));
  }
}
