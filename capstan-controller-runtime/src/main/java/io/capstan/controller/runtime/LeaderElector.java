package io.capstan.controller.runtime;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on a coordination.k8s.io/v1 Lease, following client-go's {@code leaderelection}.
 * Every retry period the candidate reads the lease and, if it is free, expired or its own, writes
 * itself as holder with the lease's resourceVersion, so of two concurrent writers exactly one wins
 * and the other sees a conflict. Expiry is judged by the local clock from when this candidate last
 * saw the lease record change, never by the timestamps in it, so clock skew between candidates does
 * not matter. A leader that fails to renew within the renew deadline, or finds another holder, stops
 * leading and becomes a candidate again; {@link #stop} releases a held lease so a follower can take
 * over at once.
 */
public final class LeaderElector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LeaderElector.class);

  private record Observed(String holder, String resourceVersion) {}

  private final KubernetesClient client;
  private final LeaderElectionConfig config;
  private final LeaderCallbacks callbacks;
  private final Clock clock;
  private final Scheduler scheduler;

  private Optional<Observed> observed = Optional.empty();
  private Instant observedAt;
  private Instant lastRenewal;
  private boolean leading;
  private boolean running;
  private Scheduler.Cancellable next = () -> { };

  public LeaderElector(KubernetesClient client, LeaderElectionConfig config,
                       LeaderCallbacks callbacks, Clock clock, Scheduler scheduler) {
    this.client = client;
    this.config = config;
    this.callbacks = callbacks;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /** Starts campaigning; the first attempt runs at once. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    next = scheduler.schedule(Duration.ZERO, this::tick);
  }

  public synchronized boolean isLeader() {
    return leading;
  }

  /** The holder this candidate last saw on the lease, if any. */
  public synchronized Optional<String> observedLeader() {
    return observed.map(Observed::holder).filter(holder -> !holder.isEmpty());
  }

  /** Stops campaigning and, if leading, releases the lease and reports it stopped leading. */
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    next.cancel();
    if (leading) {
      release();
      stopLeading();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private synchronized void tick() {
    if (!running) {
      return;
    }
    Instant now = clock.instant();
    boolean held = tryAcquireOrRenew(now);
    if (held) {
      lastRenewal = now;
      if (!leading) {
        leading = true;
        LOG.info("{} became leader of lease {}/{}", config.identity(), config.namespace(),
            config.name());
        callbacks.onStartedLeading();
      }
    } else if (leading && (othersHold() || !now.isBefore(lastRenewal.plus(config.renewDeadline())))) {
      LOG.info("{} lost lease {}/{}", config.identity(), config.namespace(), config.name());
      stopLeading();
    }
    if (running) {
      next = scheduler.schedule(config.retryPeriod(), this::tick);
    }
  }

  private boolean othersHold() {
    return observedLeader().filter(holder -> !holder.equals(config.identity())).isPresent();
  }

  private void stopLeading() {
    leading = false;
    callbacks.onStoppedLeading();
  }

  private boolean tryAcquireOrRenew(Instant now) {
    try {
      Lease current = client.leases().inNamespace(config.namespace()).withName(config.name()).get();
      if (current == null) {
        Lease created = client.leases().inNamespace(config.namespace())
            .resource(leaseFor(null, now, 0, now)).create();
        observe(created, now);
        return true;
      }
      observe(current, now);
      String holder = Optional.ofNullable(current.getSpec().getHolderIdentity()).orElse("");
      boolean mine = holder.equals(config.identity());
      boolean expired = !now.isBefore(observedAt.plus(config.leaseDuration()));
      if (!holder.isEmpty() && !mine && !expired) {
        return false;
      }
      int transitions = Optional.ofNullable(current.getSpec().getLeaseTransitions()).orElse(0);
      Instant acquired = mine
          ? Optional.ofNullable(current.getSpec().getAcquireTime())
              .map(ZonedDateTime::toInstant).orElse(now)
          : now;
      Lease updated = client.leases().inNamespace(config.namespace()).resource(
          leaseFor(current, acquired, mine ? transitions : transitions + 1, now)).update();
      observe(updated, now);
      return true;
    } catch (KubernetesClientException e) {
      // 409 is the expected loser's answer (another candidate wrote first); anything else is a
      // transient failure that the renew deadline accounts for.
      if (e.getCode() != 409) {
        LOG.warn("{} could not acquire or renew lease {}/{}: {}", config.identity(),
            config.namespace(), config.name(), e.getMessage());
      }
      return false;
    } catch (RuntimeException e) {
      // A broken client must not end the campaign loop: keep ticking, and let the renew deadline
      // decide when a leader has to give up.
      LOG.warn("{} could not reach lease {}/{}: {}", config.identity(), config.namespace(),
          config.name(), e.toString());
      return false;
    }
  }

  private void release() {
    try {
      Lease current = client.leases().inNamespace(config.namespace()).withName(config.name()).get();
      if (current == null
          || !config.identity().equals(current.getSpec().getHolderIdentity())) {
        return;
      }
      Instant now = clock.instant();
      Lease released = new LeaseBuilder(current).editSpec()
          .withHolderIdentity(null)
          .withLeaseDurationSeconds(1)
          .withRenewTime(utc(now))
          .withAcquireTime(utc(now))
          .endSpec().build();
      client.leases().inNamespace(config.namespace()).resource(released).update();
    } catch (RuntimeException e) {
      LOG.warn("{} could not release lease {}/{}: {}", config.identity(), config.namespace(),
          config.name(), e.getMessage());
    }
  }

  private void observe(Lease lease, Instant now) {
    Observed seen = new Observed(
        Optional.ofNullable(lease.getSpec().getHolderIdentity()).orElse(""),
        lease.getMetadata().getResourceVersion());
    if (observed.isEmpty() || !Objects.equals(observed.get(), seen)) {
      observed = Optional.of(seen);
      observedAt = now;
    }
  }

  private Lease leaseFor(Lease current, Instant acquired, int transitions, Instant now) {
    LeaseBuilder builder = current == null
        ? new LeaseBuilder().withNewMetadata().withNamespace(config.namespace())
            .withName(config.name()).endMetadata()
        : new LeaseBuilder(current);
    return builder.withNewSpec()
        .withHolderIdentity(config.identity())
        .withLeaseDurationSeconds((int) Math.max(1, config.leaseDuration().toSeconds()))
        .withAcquireTime(utc(acquired))
        .withRenewTime(utc(now))
        .withLeaseTransitions(transitions)
        .endSpec().build();
  }

  private static ZonedDateTime utc(Instant instant) {
    return instant.atZone(ZoneOffset.UTC);
  }
}
