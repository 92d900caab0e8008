package io.capstan.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.controller.runtime.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WorkQueueTest {

  private final FakeClock clock = new FakeClock();
  private final WorkQueue<String> queue =
      new WorkQueue<>(clock, clock, ExponentialBackoff.defaults());

  private String take() throws InterruptedException {
    return queue.get().orElseThrow();
  }

  @Test
  void duplicatesCollapse() throws Exception {
    queue.add("a");
    queue.add("b");
    queue.add("a");
    assertThat(queue.length()).isEqualTo(2);
    assertThat(take()).isEqualTo("a");
    assertThat(take()).isEqualTo("b");
    assertThat(queue.length()).isZero();
  }

  @Test
  void keyInFlightIsNotHandedOutAgainUntilDone() throws Exception {
    queue.add("a");
    assertThat(take()).isEqualTo("a");
    queue.add("a");
    queue.add("a");
    assertThat(queue.length()).as("in-flight key waits for done").isZero();
    queue.add("b");
    assertThat(take()).isEqualTo("b");
    queue.done("b");
    queue.done("a");
    assertThat(queue.length()).as("re-added once, after done").isEqualTo(1);
    assertThat(take()).isEqualTo("a");
    queue.done("a");
    assertThat(queue.length()).isZero();
  }

  @Test
  void doneWithoutReAddLeavesNothingQueued() throws Exception {
    queue.add("a");
    take();
    queue.done("a");
    assertThat(queue.length()).isZero();
  }

  @Test
  void addAfterWaitsForTheClock() throws Exception {
    queue.addAfter("a", Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(9));
    assertThat(queue.length()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(queue.length()).isEqualTo(1);
    assertThat(take()).isEqualTo("a");
  }

  @Test
  void delayedAddsOfOneKeyKeepTheEarliest() {
    queue.addAfter("a", Duration.ofSeconds(10));
    queue.addAfter("a", Duration.ofSeconds(3));
    queue.addAfter("a", Duration.ofSeconds(20));
    clock.advance(Duration.ofSeconds(3));
    assertThat(queue.length()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(30));
    assertThat(queue.length()).as("later delayed adds collapse into the queued key").isEqualTo(1);
  }

  record Case(String name, Duration base, Duration max, int failures, List<Duration> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> backoffCases() {
    return Stream.of(
        new Case("client-go default doubles from 5ms", ExponentialBackoff.DEFAULT_BASE,
            ExponentialBackoff.DEFAULT_MAX, 4,
            List.of(ms(5), ms(10), ms(20), ms(40))),
        new Case("capped at max", ms(100), ms(350), 5,
            List.of(ms(100), ms(200), ms(350), ms(350), ms(350))),
        new Case("default reaches 1000s cap", ExponentialBackoff.DEFAULT_BASE,
            ExponentialBackoff.DEFAULT_MAX, 40, null));
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backoffCases")
  void backoffGrowsPerKey(Case c) {
    ExponentialBackoff backoff = new ExponentialBackoff(c.base(), c.max());
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < c.failures(); i++) {
      delays.add(backoff.when("k"));
    }
    if (c.expected() != null) {
      assertThat(delays).containsExactlyElementsOf(c.expected());
    } else {
      assertThat(delays.getLast()).isEqualTo(c.max());
      assertThat(delays).isSortedAccordingTo(Duration::compareTo);
    }
    assertThat(backoff.when("other")).as("independent per key").isEqualTo(c.base());
  }

  @Test
  void rateLimitedRetriesBackOffUntilForgotten() throws Exception {
    queue.addRateLimited("a");
    clock.advance(Duration.ofMillis(4));
    assertThat(queue.length()).isZero();
    clock.advance(Duration.ofMillis(1));
    assertThat(take()).isEqualTo("a");
    queue.done("a");

    queue.addRateLimited("a");
    clock.advance(Duration.ofMillis(9));
    assertThat(queue.length()).as("second failure waits 10ms").isZero();
    clock.advance(Duration.ofMillis(1));
    assertThat(take()).isEqualTo("a");
    queue.done("a");
    assertThat(queue.numRequeues("a")).isEqualTo(2);

    queue.forget("a");
    assertThat(queue.numRequeues("a")).isZero();
    queue.addRateLimited("a");
    clock.advance(Duration.ofMillis(5));
    assertThat(queue.length()).as("forget restarts at the base delay").isEqualTo(1);
  }

  @Test
  void shutDownWakesBlockedGetAndRefusesNewKeys() throws Exception {
    CompletableFuture<Optional<String>> blocked = CompletableFuture.supplyAsync(() -> {
      try {
        return queue.get();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    queue.shutDown();
    assertThat(blocked.get(5, TimeUnit.SECONDS)).isEmpty();
    queue.add("a");
    queue.addAfter("b", Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(queue.length()).isZero();
    assertThat(queue.get()).isEmpty();
  }

  @Test
  void blockedGetReceivesALaterAdd() throws Exception {
    CompletableFuture<Optional<String>> blocked = CompletableFuture.supplyAsync(() -> {
      try {
        return queue.get();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    queue.add("late");
    assertThat(blocked.get(5, TimeUnit.SECONDS)).contains("late");
  }
}
