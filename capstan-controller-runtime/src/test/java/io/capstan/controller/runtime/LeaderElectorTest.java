package io.capstan.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.controller.runtime.testing.FakeClock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two candidates on one fake clock against a real API server: every step is deterministic. */
class LeaderElectorTest {

  private static TestApi api;

  private final FakeClock clock = new FakeClock();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final Pausable schedulerA = new Pausable(clock);
  private String leaseName;
  private KubernetesClient clientA;
  private KubernetesClient clientB;
  private LeaderElector a;
  private LeaderElector b;

  /** A scheduler that can be cut off, to simulate a candidate process that died. */
  private static final class Pausable implements Scheduler {
    private final Scheduler delegate;
    private volatile boolean dead;

    Pausable(Scheduler delegate) {
      this.delegate = delegate;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
      return delegate.schedule(delay, () -> {
        if (!dead) {
          task.run();
        }
      });
    }
  }

  @BeforeAll
  static void startServer() throws Exception {
    api = TestApi.start();
  }

  @AfterAll
  static void stopServer() {
    api.close();
  }

  @BeforeEach
  void createCandidates() {
    leaseName = "lease-" + UUID.randomUUID().toString().substring(0, 8);
    clientA = api.newClient();
    clientB = api.newClient();
    a = new LeaderElector(clientA, LeaderElectionConfig.defaults("default", leaseName, "a"),
        callbacks("a"), clock, schedulerA);
    b = new LeaderElector(clientB, LeaderElectionConfig.defaults("default", leaseName, "b"),
        callbacks("b"), clock, clock);
  }

  @AfterEach
  void closeClients() {
    clientA.close();
    clientB.close();
  }

  private LeaderCallbacks callbacks(String who) {
    return new LeaderCallbacks() {
      @Override
      public void onStartedLeading() {
        calls.add(who + " started");
      }

      @Override
      public void onStoppedLeading() {
        calls.add(who + " stopped");
      }
    };
  }

  private Lease lease() {
    return api.client.leases().inNamespace("default").withName(leaseName).get();
  }

  private void startBothWithALeading() {
    a.start();
    clock.advance(Duration.ZERO);
    b.start();
    clock.advance(Duration.ZERO);
  }

  @Test
  void firstCandidateLeadsAndRenewsWhileTheOtherFollows() {
    startBothWithALeading();
    assertThat(a.isLeader()).isTrue();
    assertThat(b.isLeader()).isFalse();
    assertThat(b.observedLeader()).contains("a");
    String firstRenewal = lease().getSpec().getRenewTime().toString();

    clock.advance(Duration.ofSeconds(60));
    assertThat(a.isLeader()).isTrue();
    assertThat(b.isLeader()).as("renewals keep the lease fresh").isFalse();
    Lease lease = lease();
    assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("a");
    assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(15);
    assertThat(lease.getSpec().getLeaseTransitions()).isZero();
    assertThat(lease.getSpec().getRenewTime().toString()).isNotEqualTo(firstRenewal);
    assertThat(calls).containsExactly("a started");
  }

  @Test
  void stoppingTheLeaderReleasesTheLeaseAndTheFollowerTakesOverAtOnce() {
    startBothWithALeading();
    a.stop();
    assertThat(calls).containsExactly("a started", "a stopped");
    assertThat(lease().getSpec().getHolderIdentity()).isNull();

    clock.advance(Duration.ofSeconds(2));
    assertThat(b.isLeader()).isTrue();
    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("b");
    assertThat(lease().getSpec().getLeaseTransitions()).isEqualTo(1);
    assertThat(calls).containsExactly("a started", "a stopped", "b started");
  }

  @Test
  void aDeadLeadersLeaseIsTakenOnlyAfterTheLeaseDuration() {
    startBothWithALeading();
    clock.advance(Duration.ofSeconds(4));
    schedulerA.dead = true;

    clock.advance(Duration.ofSeconds(12));
    assertThat(b.isLeader()).as("lease not yet expired").isFalse();
    clock.advance(Duration.ofSeconds(8));
    assertThat(b.isLeader()).isTrue();
    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("b");
    assertThat(calls).containsExactly("a started", "b started");
  }

  @Test
  void aLeaderThatCannotRenewStepsDownAtTheRenewDeadlineBeforeTheFollowerTakesOver() {
    startBothWithALeading();
    clientA.close();

    clock.advance(Duration.ofSeconds(8));
    assertThat(a.isLeader()).as("within the renew deadline").isTrue();
    clock.advance(Duration.ofSeconds(2));
    assertThat(a.isLeader()).isFalse();
    assertThat(b.isLeader()).as("the lease has not expired yet").isFalse();

    clock.advance(Duration.ofSeconds(8));
    assertThat(b.isLeader()).isTrue();
    assertThat(calls).containsExactly("a started", "a stopped", "b started");
  }

  @Test
  void aLeaderThatFindsAnotherHolderStopsLeading() {
    startBothWithALeading();
    b.stop();
    Lease stolen = new LeaseBuilder(lease()).editSpec().withHolderIdentity("intruder").endSpec()
        .build();
    api.client.leases().inNamespace("default").resource(stolen).update();

    clock.advance(Duration.ofSeconds(2));
    assertThat(a.isLeader()).isFalse();
    assertThat(a.observedLeader()).contains("intruder");
    assertThat(calls).containsExactly("a started", "a stopped");
  }

  @Test
  void theServerRefusesAStaleLeaseWriteWhichIsWhatMakesTheElectionSafe() {
    startBothWithALeading();
    Lease stale = lease();
    clock.advance(Duration.ofSeconds(2));
    Lease competing = new LeaseBuilder(stale).editSpec().withHolderIdentity("b").endSpec().build();
    assertThatThrownBy(
            () -> api.client.leases().inNamespace("default").resource(competing).update())
        .hasMessageContaining("409");
    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("a");
  }
}
