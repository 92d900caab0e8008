package io.capstan.apiserver.http;

import io.capstan.apiserver.auth.AccessErrors;
import io.capstan.apiserver.auth.Credentials;
import io.capstan.apiserver.auth.CredentialRejectedException;
import io.capstan.apiserver.auth.TokenAuthenticator;
import io.capstan.apiserver.auth.UserInfo;
import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.tls.CertificateAuthority;
import io.capstan.apiserver.tls.CertificateRequests;
import io.capstan.apiserver.tls.Pem;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /capstan/v1/node-credentials}: how a node joins, in the manner of kubelet TLS
 * bootstrapping. The node proves it holds the join token ({@code Authorization: Bearer <node
 * token>}) and sends PKCS#10 requests for its own identities: the kubelet's ({@code
 * system:node:<name>} in {@code system:nodes}) and its proxy's ({@code system:capstan-proxy:<name>}
 * in {@code system:capstan-proxies}). Each is signed by the CA; the private keys never leave the
 * node, and nothing is stored on the server, so a certificate is all the credential there is.
 *
 * <pre>
 * request:  {"certificateSigningRequests": ["-----BEGIN CERTIFICATE REQUEST-----...", ...]}
 * response: {"certificates": ["-----BEGIN CERTIFICATE-----...", ...],
 *            "certificateAuthority": "-----BEGIN CERTIFICATE-----..."}
 * </pre>
 */
final class NodeJoinHandler {

  static final String PATH = "/capstan/v1/node-credentials";

  private static final Logger LOG = LoggerFactory.getLogger(NodeJoinHandler.class);
  private static final Duration VALIDITY = Duration.ofDays(365);
  private static final Pattern NODE_NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final int MAX_REQUESTS = 4;

  private final TokenAuthenticator joinToken;
  private final CertificateAuthority ca;

  NodeJoinHandler(String joinToken, CertificateAuthority ca) {
    // The join token authenticates nobody in the API; it only unlocks this endpoint.
    this.joinToken = TokenAuthenticator.builder()
        .token(joinToken, new UserInfo("system:capstan-node-join", List.of())).build();
    this.ca = ca;
  }

  void handle(Exchange exchange) {
    if (!exchange.method().equals("POST")) {
      throw ApiException.methodNotAllowed("the server does not allow this method on the "
          + "requested resource");
    }
    checkToken(exchange.credentials());
    List<String> requests = requests(exchange.body());
    ObjectNode response = Json.object();
    var certificates = response.putArray("certificates");
    List<String> users = new ArrayList<>();
    for (String pem : requests) {
      CertificateRequests.Request request = parse(pem);
      X509Certificate issued = ca.signClient(request.publicKey(), request.user(),
          request.groups(), VALIDITY);
      certificates.add(Pem.encodeCertificate(issued));
      users.add(request.user());
    }
    response.put("certificateAuthority", ca.certificatePem());
    LOG.info("issued node credentials for {} to {}", users, exchange.remoteAddress());
    Responses.send(exchange, 201, response, ResponseFormat.JSON);
  }

  private void checkToken(Credentials credentials) {
    try {
      if (joinToken.authenticate(credentials).isEmpty()) {
        throw AccessErrors.unauthorized();
      }
    } catch (CredentialRejectedException e) {
      throw AccessErrors.unauthorized();
    }
  }

  private static List<String> requests(byte[] body) {
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw ApiException.badRequest("the body must be a JSON object with "
          + "certificateSigningRequests");
    }
    JsonNode list = tree == null ? null : tree.path("certificateSigningRequests");
    if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_REQUESTS) {
      throw ApiException.badRequest("certificateSigningRequests must list 1 to " + MAX_REQUESTS
          + " PEM certificate signing requests");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : list) {
      if (!item.isString()) {
        throw ApiException.badRequest("certificateSigningRequests must hold PEM strings");
      }
      out.add(item.asString());
    }
    return out;
  }

  /** A verified request for a node's or a node proxy's identity, and nothing else. */
  private static CertificateRequests.Request parse(String pem) {
    CertificateRequests.Request request;
    try {
      request = CertificateRequests.parse(pem);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid certificate signing request: " + e.getMessage());
    }
    UserInfo asked = new UserInfo(request.user(), request.groups());
    Optional<String> node = asked.nodeName().or(asked::proxyNodeName);
    boolean exact = node.isPresent() && (asked.equals(UserInfo.node(node.get()))
        || asked.equals(UserInfo.proxy(node.get())));
    if (!exact) {
      throw ApiException.badRequest("a node may only ask for CN=system:node:<name>, "
          + "O=system:nodes or CN=system:capstan-proxy:<name>, O=system:capstan-proxies; got CN="
          + request.user() + ", O=" + request.groups());
    }
    if (node.get().length() > 253 || !NODE_NAME.matcher(node.get()).matches()) {
      throw ApiException.badRequest("the node name '" + node.get()
          + "' is not a valid DNS subdomain");
    }
    return request;
  }
}
