package io.capstan.apiserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.store.ListRequest;
import io.capstan.store.Store;
import io.capstan.store.memory.MemoryStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MasterLeasesTest {

  private static final Duration TTL = Duration.ofSeconds(15);

  private final Store store = new MemoryStore();
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final MasterLeases a = new MasterLeases(store, TTL, nanos::get);
  private final MasterLeases b = new MasterLeases(store, TTL, nanos::get);
  private final MasterLeases.Holder serverA = new MasterLeases.Holder("10.0.0.1", 6443);
  private final MasterLeases.Holder serverB = new MasterLeases.Holder("10.0.0.2", 6443);

  @Test
  void aLeaseRenewedInTimeStaysAndOneLeftAloneForTheTtlExpiresAndIsDeleted() {
    a.renew(serverA);
    b.renew(serverB);
    assertThat(a.live()).containsExactly(serverA, serverB);

    advance(Duration.ofSeconds(10));
    a.renew(serverA);
    assertThat(a.live()).containsExactly(serverA, serverB);

    // B was last seen renewed 16 s ago (it was seen at its revision at the start).
    advance(Duration.ofSeconds(6));
    a.renew(serverA);
    assertThat(a.live()).containsExactly(serverA);
    assertThat(store.get(MasterLeases.PREFIX + "10.0.0.2:6443")).isEmpty();
  }

  @Test
  void aServerThatJustStartedTrustsEveryLeaseForAWholeTtlWhateverTheirAge() {
    b.renew(serverB);
    advance(Duration.ofMinutes(5));
    MasterLeases fresh = new MasterLeases(store, TTL, nanos::get);
    assertThat(fresh.live()).containsExactly(serverB);
    advance(TTL.plusSeconds(1));
    assertThat(fresh.live()).isEmpty();
  }

  @Test
  void removingALeaseTakesItOutAtOnceAndARestartedServerRenewsItsOwn() {
    a.renew(serverA);
    b.renew(serverB);
    b.remove(serverB);
    assertThat(a.live()).containsExactly(serverA);

    a.renew(serverA);
    a.renew(serverA);
    assertThat(store.list(ListRequest.all(MasterLeases.PREFIX)).items()).hasSize(1);
  }

  @Test
  void serversOnOneAddressAreToldApartByPortAndSortedByIt() {
    MasterLeases.Holder high = new MasterLeases.Holder("127.0.0.1", 40000);
    MasterLeases.Holder low = new MasterLeases.Holder("127.0.0.1", 30000);
    a.renew(high);
    b.renew(low);
    assertThat(a.live()).containsExactly(low, high);
  }

  private void advance(Duration by) {
    nanos.addAndGet(by.toNanos());
  }
}
