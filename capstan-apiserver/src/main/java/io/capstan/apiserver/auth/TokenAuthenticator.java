package io.capstan.apiserver.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bearer tokens from a fixed table: {@code Authorization: Bearer <token>}. Tokens are kept only as
 * SHA-256 digests and every entry is compared with {@link MessageDigest#isEqual}, so neither the
 * time taken nor an early exit tells a caller how much of a guess was right. A header with another
 * scheme (Basic) or an empty token is not this authenticator's; a bearer token it does not know is
 * rejected.
 */
public final class TokenAuthenticator implements Authenticator {

  private record Entry(byte[] digest, UserInfo user) {
  }

  private final List<Entry> entries;

  /** {@code tokens} maps each token to the user it authenticates. */
  public TokenAuthenticator(Map<String, UserInfo> tokens) {
    List<Entry> list = new ArrayList<>();
    tokens.forEach((token, user) -> {
      if (token.isEmpty()) {
        throw new IllegalArgumentException("empty token for " + user.name());
      }
      list.add(new Entry(digest(token), user));
    });
    this.entries = List.copyOf(list);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Optional<UserInfo> authenticate(Credentials credentials) {
    Optional<String> token = credentials.bearerToken();
    if (token.isEmpty()) {
      return Optional.empty();
    }
    byte[] presented = digest(token.get());
    UserInfo found = null;
    for (Entry entry : entries) {
      // No break: every entry is compared whatever matched, so timing does not depend on position.
      if (MessageDigest.isEqual(entry.digest(), presented)) {
        found = entry.user();
      }
    }
    if (found == null) {
      throw new CredentialRejectedException("invalid bearer token");
    }
    return Optional.of(found);
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Collects the token table: the admin's, one per node, one per service account. */
  public static final class Builder {

    private final Map<String, UserInfo> tokens = new LinkedHashMap<>();

    private Builder() {}

    public Builder admin(String token) {
      return token(token, UserInfo.admin());
    }

    public Builder node(String nodeName, String token) {
      return token(token, UserInfo.node(nodeName));
    }

    public Builder serviceAccount(String namespace, String name, String token) {
      return token(token, UserInfo.serviceAccount(namespace, name));
    }

    public Builder token(String token, UserInfo user) {
      if (tokens.putIfAbsent(token, user) != null) {
        throw new IllegalArgumentException("the same token for two users: " + user.name());
      }
      return this;
    }

    public TokenAuthenticator build() {
      return new TokenAuthenticator(tokens);
    }
  }
}
