package io.capstan.store.etcd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capstan.store.Store;
import io.capstan.store.StoreConformanceTest;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract against a real etcd, one member for the whole class. Each store gets a key
 * prefix of its own, so the tests share the server but not their keys; revisions and compaction
 * are the cluster's and so are shared, which the contract's relative assertions allow.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EtcdStoreTest extends StoreConformanceTest {

  @TempDir
  static Path dir;

  private static EtcdProcess etcd;
  private static final AtomicInteger stores = new AtomicInteger();

  @BeforeAll
  static void startEtcd() throws Exception {
    Optional<Path> binary = EtcdProcess.findBinary();
    assumeTrue(binary.isPresent(), "no etcd on the PATH (Debian: apt-get install etcd-server)");
    etcd = EtcdProcess.start(binary.get(), dir);
  }

  @AfterAll
  static void stopEtcd() throws Exception {
    if (etcd != null) {
      etcd.close();
    }
  }

  @Override
  protected Store newStore() {
    String keyPrefix = "/store-" + stores.incrementAndGet();
    return EtcdStore.open(EtcdStore.Options.of(etcd.endpoints(), keyPrefix));
  }

  /**
   * Replaying from revision 0 needs a cluster that was never compacted, and compaction is
   * cluster-wide: this runs before the cases that compact the shared member.
   */
  @Test
  @Order(1)
  @Override
  public void watchFromZeroReplaysAllHistoryThenGoesLive() {
    super.watchFromZeroReplaysAllHistoryThenGoesLive();
  }
}
