package io.capstan.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.controller.runtime.testing.FakeClock;
import io.capstan.node.podconfig.ContainerConfigError;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceAccountTokensTest {

  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T10:00:00Z"));
  private final List<TokenRequest> requests = new ArrayList<>();
  private final List<String> accounts = new ArrayList<>();
  private boolean failing;

  /** The API server's side: a numbered token for the lifetime asked for, capped at 48 h. */
  private TokenRequest answer(String namespace, String account, TokenRequest request) {
    if (failing) {
      throw new KubernetesClientException(new StatusBuilder().withCode(404)
          .withMessage("serviceaccounts \"" + account + "\" not found").build());
    }
    requests.add(request);
    accounts.add(namespace + "/" + account);
    long seconds = Math.min(request.getSpec().getExpirationSeconds(), 48 * 3600);
    return new TokenRequestBuilder(request).editSpec().withExpirationSeconds(seconds).endSpec()
        .withNewStatus().withToken("token-" + requests.size())
        .withExpirationTimestamp(clock.instant().plusSeconds(seconds).toString()).endStatus()
        .build();
  }

  private final ServiceAccountTokens tokens = new ServiceAccountTokens(this::answer, clock,
      new SplittableRandom(1));

  private static Pod pod(String name, String uid) {
    return new PodBuilder().withNewMetadata().withNamespace("team").withName(name).withUid(uid)
        .endMetadata().withNewSpec().withServiceAccountName("builder").endSpec().build();
  }

  @Test
  void asksForAPodBoundTokenWithTheProjectionsAudienceAndLifetime() throws Exception {
    String token = tokens.serviceAccountToken(pod("web", "uid-1"), Optional.of("vault"), 3607);

    assertThat(token).isEqualTo("token-1");
    assertThat(accounts).containsExactly("team/builder");
    var spec = requests.getFirst().getSpec();
    assertThat(spec.getAudiences()).containsExactly("vault");
    assertThat(spec.getExpirationSeconds()).isEqualTo(3607L);
    assertThat(spec.getBoundObjectRef().getApiVersion()).isEqualTo("v1");
    assertThat(spec.getBoundObjectRef().getKind()).isEqualTo("Pod");
    assertThat(spec.getBoundObjectRef().getName()).isEqualTo("web");
    assertThat(spec.getBoundObjectRef().getUid()).isEqualTo("uid-1");
  }

  @Test
  void leavesTheAudienceToTheServerWhenTheProjectionNamesNone() throws Exception {
    tokens.serviceAccountToken(pod("web", "uid-1"), Optional.empty(), 3607);
    assertThat(requests.getFirst().getSpec().getAudiences()).isEmpty();
  }

  /**
   * @param lifetime the lifetime asked for (the server caps it at 48 h)
   * @param elapsed how long after the first token the second is asked for
   * @param renewed whether that gets a new token
   */
  record Case(String name, long lifetime, Duration elapsed, boolean renewed) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("just issued", 3607, Duration.ZERO, false),
        new Case("at 75% of an hour", 3607, Duration.ofSeconds(2705), false),
        new Case("past 80% of an hour", 3607, Duration.ofSeconds(2890), true),
        new Case("past 80% of ten minutes", 600, Duration.ofSeconds(481), true),
        new Case("a day-and-a-half token at 60%", 129_600, Duration.ofHours(21), false),
        new Case("a 48 h token after 24 h", 172_800, Duration.ofHours(24).plusSeconds(1), true),
        new Case("a token asked for 72 h, capped at 48 h, after 24 h", 259_200,
            Duration.ofHours(24).plusSeconds(1), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void renewsAt80PercentOrAfterADay(Case c) throws Exception {
    Pod pod = pod("web", "uid-1");
    tokens.serviceAccountToken(pod, Optional.empty(), c.lifetime());
    clock.advance(c.elapsed());
    String second = tokens.serviceAccountToken(pod, Optional.empty(), c.lifetime());
    assertThat(second).isEqualTo(c.renewed() ? "token-2" : "token-1");
    assertThat(requests).hasSize(c.renewed() ? 2 : 1);
  }

  @Test
  void keepsSeparateTokensPerPodAndAudience() throws Exception {
    assertThat(tokens.serviceAccountToken(pod("web", "uid-1"), Optional.empty(), 3607))
        .isEqualTo("token-1");
    assertThat(tokens.serviceAccountToken(pod("web", "uid-2"), Optional.empty(), 3607))
        .isEqualTo("token-2");
    assertThat(tokens.serviceAccountToken(pod("web", "uid-1"), Optional.of("vault"), 3607))
        .isEqualTo("token-3");
    assertThat(tokens.serviceAccountToken(pod("web", "uid-1"), Optional.empty(), 3607))
        .isEqualTo("token-1");
  }

  @Test
  void keepsAValidTokenWhenRenewalFailsAndFailsOnceItExpired() throws Exception {
    Pod pod = pod("web", "uid-1");
    tokens.serviceAccountToken(pod, Optional.empty(), 3607);
    failing = true;
    clock.advance(Duration.ofSeconds(3000));
    assertThat(tokens.serviceAccountToken(pod, Optional.empty(), 3607)).isEqualTo("token-1");
    clock.advance(Duration.ofSeconds(700));
    assertThatThrownBy(() -> tokens.serviceAccountToken(pod, Optional.empty(), 3607))
        .isInstanceOf(ContainerConfigError.class)
        .hasMessage("failed to fetch token: serviceaccounts \"builder\" not found");
  }

  @Test
  void failsWithTheServersReasonWhenThereIsNoToken() {
    failing = true;
    assertThatThrownBy(() -> tokens.serviceAccountToken(pod("web", "uid-1"), Optional.empty(),
        3607))
        .isInstanceOf(ContainerConfigError.class)
        .hasMessage("failed to fetch token: serviceaccounts \"builder\" not found");
  }
}
