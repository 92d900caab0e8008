package io.capstan.controllers.replicaset;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * {@code slowStartBatch}: runs {@code count} calls in batches of 1, 2, 4, … (calls within a batch in parallel) and
 * stops after the first batch in which any call failed. A quota or admission failure thus costs one request rather
 * than hundreds.
 */
final class SlowStart {
    static final int INITIAL_BATCH = 1;

    /** How many calls succeeded, and the first failure if one stopped the run. */
    record Outcome(int successes, Optional<RuntimeException> failure) {
    }

    private SlowStart() {
    }

    /** {@code call} returns empty on success, or the error it ran into. */
    static Outcome run(int count, Supplier<Optional<RuntimeException>> call) {
        int successes = 0;
        int remaining = count;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int batch = Math.min(remaining, INITIAL_BATCH); batch > 0; batch = Math.min(2 * batch, remaining)) {
                List<Future<Optional<RuntimeException>>> calls = new ArrayList<>();
                for (int i = 0; i < batch; i++) {
                    calls.add(executor.submit(call::get));
                }
                Optional<RuntimeException> failure = Optional.empty();
                for (var future : calls) {
                    Optional<RuntimeException> error = await(future);
                    if (error.isEmpty()) {
                        successes++;
                    } else if (failure.isEmpty()) {
                        failure = error;
                    }
                }
                if (failure.isPresent()) {
                    return new Outcome(successes, failure);
                }
                remaining -= batch;
            }
        }
        return new Outcome(successes, Optional.empty());
    }

    private static Optional<RuntimeException> await(Future<Optional<RuntimeException>> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return Optional.of(e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new IllegalStateException("interrupted", e));
        }
    }
}
