package io.capstan.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capstan.store.KeyValue;
import io.capstan.store.ListRequest;
import io.capstan.store.RecordingListener;
import io.capstan.store.StoreException;
import io.capstan.store.Watch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** What a shared cluster adds to the contract: several stores, member restarts, failover. */
@SuppressWarnings("try") // watches are opened in try-with-resources only to be closed
class EtcdClusterTest {

  @TempDir
  static Path dir;

  private static EtcdProcess etcd;

  @BeforeAll
  static void startEtcd() throws Exception {
    Optional<Path> binary = EtcdProcess.findBinary();
    assumeTrue(binary.isPresent(), "no etcd on the PATH (Debian: apt-get install etcd-server)");
    etcd = EtcdProcess.start(binary.get(), dir);
  }

  @AfterAll
  static void stopEtcd() {
    if (etcd != null) {
      etcd.close();
    }
  }

  private static EtcdStore open(String endpoints, TestInfo test) {
    return EtcdStore.open(EtcdStore.Options.of(endpoints, name(test)));
  }

  /** A key (and key prefix) of the test's own. */
  private static String name(TestInfo test) {
    return "/" + test.getTestMethod().orElseThrow().getName();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void twoStoresOnOneClusterShareKeysRevisionsAndWatches(TestInfo test) {
    try (EtcdStore one = open(etcd.endpoints(), test);
        EtcdStore two = open(etcd.endpoints(), test)) {
      RecordingListener listener = RecordingListener.recording();
      try (Watch watch = two.watch("/", two.currentRevision(), listener)) {
        KeyValue created = one.create("/a", bytes("1"));

        assertThat(two.get("/a")).contains(created);
        assertThat(two.currentRevision()).isEqualTo(created.modRevision());
        assertThatThrownBy(() -> two.create("/a", bytes("2")))
            .isInstanceOf(StoreException.KeyExists.class);
        KeyValue updated = two.update("/a", bytes("2"), created.modRevision());
        assertThatThrownBy(() -> one.update("/a", bytes("3"), created.modRevision()))
            .isInstanceOfSatisfying(StoreException.Conflict.class,
                conflict -> assertThat(conflict.current()).isEqualTo(updated));

        await().atMost(Duration.ofSeconds(10)).until(() -> listener.events().size() >= 2);
        assertThat(listener.revisions())
            .containsExactly(created.modRevision(), updated.modRevision());
      }
    }
  }

  @Test
  void keyPrefixesKeepStoresApart(TestInfo test) {
    try (EtcdStore one = EtcdStore.open(EtcdStore.Options.of(etcd.endpoints(), "/one"));
        EtcdStore two = EtcdStore.open(EtcdStore.Options.of(etcd.endpoints(), "/two"))) {
      one.create(name(test), bytes("one's"));

      assertThat(two.get(name(test))).isEmpty();
      assertThat(two.list(ListRequest.all("/")).items()).isEmpty();
      assertThat(one.list(ListRequest.all("/")).items()).singleElement()
          .satisfies(kv -> assertThat(kv.key()).isEqualTo(name(test)));
    }
  }

  @Test
  void anEndpointListSkipsAMemberThatIsDown(TestInfo test) throws Exception {
    String withDeadFirst = "etcd://127.0.0.1:" + EtcdProcess.freePort() + ","
        + etcd.endpoints().substring(EtcdEndpoints.SCHEME.length());
    try (EtcdStore store = open(withDeadFirst, test)) {
      KeyValue created = store.create("/a", bytes("1"));

      assertThat(store.get("/a")).contains(created);
    }
  }

  @Test
  void aWatchKeepsDeliveringAcrossAMemberRestart(TestInfo test) throws Exception {
    try (EtcdStore store = open(etcd.endpoints(), test)) {
      RecordingListener listener = RecordingListener.recording();
      try (Watch watch = store.watch("/", store.currentRevision(), listener)) {
        KeyValue before = store.create("/before", bytes("1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.events().size() >= 1);

        etcd.kill();
        assertThatThrownBy(() -> store.get("/before"))
            .isInstanceOf(StoreException.Unavailable.class);
        etcd.start();
        KeyValue after = store.create("/after", bytes("2"));
        KeyValue updated = store.update("/after", bytes("3"), after.modRevision());

        await().atMost(Duration.ofSeconds(30)).until(() -> listener.events().size() >= 3);
        assertThat(listener.revisions()).containsExactly(
            before.modRevision(), after.modRevision(), updated.modRevision());
        assertThat(listener.isClosed()).isFalse();
      }
    }
  }
}
