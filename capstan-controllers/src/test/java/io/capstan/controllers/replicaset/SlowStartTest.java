package io.capstan.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SlowStartTest {
    /** {@code failFrom}: calls numbered from this one on fail (calls are numbered 1, 2, ... in order of start). */
    record Case(String name, int count, int failFrom, int calls, int successes, boolean failed) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("nothing to do", 0, Integer.MAX_VALUE, 0, 0, false),
                new Case("all succeed: 1+2+4+3", 10, Integer.MAX_VALUE, 10, 10, false),
                new Case("first call fails: nothing more is tried", 10, 1, 1, 0, true),
                new Case("failure in the batch of 2 stops before the batch of 4", 10, 3, 3, 2, true),
                new Case("failure in the batch of 4 stops before the rest", 10, 5, 7, 4, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void runsInDoublingBatchesAndStopsAtTheFirstFailedBatch(Case c) {
        AtomicInteger started = new AtomicInteger();

        SlowStart.Outcome outcome = SlowStart.run(c.count(), () -> started.incrementAndGet() >= c.failFrom()
                ? Optional.of(new IllegalStateException("quota")) : Optional.empty());

        assertThat(started.get()).isEqualTo(c.calls());
        assertThat(outcome.successes()).isEqualTo(c.successes());
        assertThat(outcome.failure().isPresent()).isEqualTo(c.failed());
    }
}
