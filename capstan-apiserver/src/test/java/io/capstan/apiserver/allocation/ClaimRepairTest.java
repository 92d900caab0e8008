package io.capstan.apiserver.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.store.memory.MemoryStore;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Claims out of step with the Services are put right, leaks only after three rounds. */
class ClaimRepairTest {

  private final MemoryStore store = new MemoryStore();
  private final StoreClaims claims = new StoreClaims(store, "/registry/ranges/serviceips/");
  private final ClaimRepair repair = new ClaimRepair(claims, "cluster IP",
      ip -> ip.startsWith("10.0.0."));

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aClaimNoServiceUsesIsReleasedOnlyAtTheThirdRoundInARow() {
    claims.claim("10.0.0.5"); // a server died before writing its Service
    claims.claim("10.0.0.6"); // a Service holds this one
    Set<String> used = Set.of("10.0.0.6");

    assertThat(repair.runOnce(() -> used).released()).isEmpty();
    assertThat(repair.runOnce(() -> used).released()).isEmpty();
    assertThat(claims.held()).containsExactlyInAnyOrder("10.0.0.5", "10.0.0.6");
    assertThat(repair.runOnce(() -> used).released()).containsExactly("10.0.0.5");
    assertThat(claims.held()).containsExactly("10.0.0.6");
  }

  @Test
  void aCreateThatFinishesInTimeKeepsItsValue() {
    claims.claim("10.0.0.5");
    repair.runOnce(Set::of);
    repair.runOnce(Set::of);
    // The Service is written at last.
    assertThat(repair.runOnce(() -> Set.of("10.0.0.5")).released()).isEmpty();
    // Unused again later: the count starts over.
    assertThat(repair.runOnce(Set::of).released()).isEmpty();
    assertThat(claims.held()).containsExactly("10.0.0.5");
  }

  @Test
  void aValueGivenBackAndClaimedAgainStartsOver() {
    claims.claim("10.0.0.5");
    repair.runOnce(Set::of);
    repair.runOnce(Set::of);
    claims.release("10.0.0.5");
    claims.claim("10.0.0.5"); // another create in flight took it meanwhile
    assertThat(repair.runOnce(Set::of).released()).isEmpty();
    assertThat(claims.held()).containsExactly("10.0.0.5");
  }

  @Test
  void aServicesValueThatNobodyHoldsIsClaimedUnlessOutOfRange() {
    ClaimRepair.Outcome outcome = repair.runOnce(() -> Set.of("10.0.0.7", "192.168.0.1"));
    assertThat(outcome.claimed()).containsExactly("10.0.0.7");
    assertThat(claims.held()).containsExactly("10.0.0.7");
    // Now it is held, by the Service: never released.
    for (int i = 0; i < ClaimRepair.ROUNDS_BEFORE_RELEASE; i++) {
      assertThat(repair.runOnce(() -> Set.of("10.0.0.7")).released()).isEmpty();
    }
  }
}
