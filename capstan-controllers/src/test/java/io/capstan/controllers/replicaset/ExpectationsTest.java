package io.capstan.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.controller.runtime.testing.FakeClock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpectationsTest {
    private final FakeClock clock = new FakeClock();
    private final Expectations expectations = new Expectations(clock);

    @Test
    void unknownKeyIsSatisfied() {
        assertThat(expectations.satisfied("t/web")).isTrue();
    }

    @Test
    void creationsAreSatisfiedOnceAllAreObserved() {
        expectations.expectCreations("t/web", 2);
        expectations.creationObserved("t/web");
        assertThat(expectations.satisfied("t/web")).isFalse();

        expectations.creationObserved("t/web");

        assertThat(expectations.satisfied("t/web")).isTrue();
    }

    @Test
    void deletionsAreTrackedByPodKey() {
        expectations.expectDeletions("t/web", Set.of("t/a", "t/b"));
        expectations.deletionObserved("t/web", "t/a");
        expectations.deletionObserved("t/web", "t/a");
        assertThat(expectations.satisfied("t/web")).isFalse();

        expectations.deletionObserved("t/web", "t/b");

        assertThat(expectations.satisfied("t/web")).isTrue();
    }

    @Test
    void outstandingExpectationsExpireAfterTheTtl() {
        expectations.expectCreations("t/web", 1);
        clock.advance(Expectations.TTL.minus(Duration.ofSeconds(1)));
        assertThat(expectations.satisfied("t/web")).isFalse();

        clock.advance(Duration.ofSeconds(1));

        assertThat(expectations.satisfied("t/web")).isTrue();
    }

    @Test
    void forgetDropsTheRecord() {
        expectations.expectCreations("t/web", 3);
        expectations.forget("t/web");
        assertThat(expectations.satisfied("t/web")).isTrue();
    }
}
