package io.capstan.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capstan.store.KeyValue;
import io.capstan.store.RecordingListener;
import io.capstan.store.Watch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcd's periodic progress notifications (here every 200 ms instead of 10 minutes) reach a watch
 * as progress, in order with its events, and tell it about revisions that carried none of them.
 */
class EtcdProgressTest {

  @Test
  void periodicProgressReportsRevisionsWithoutEventsForTheWatch(@TempDir Path dir)
      throws Exception {
    Optional<Path> binary = EtcdProcess.findBinary();
    assumeTrue(binary.isPresent(), "no etcd on the PATH (Debian: apt-get install etcd-server)");
    try (EtcdProcess etcd = EtcdProcess.start(binary.get(), dir,
            "--experimental-watch-progress-notify-interval", "200ms");
        EtcdStore store = EtcdStore.open(EtcdStore.Options.of(etcd.endpoints(), "/p"))) {
      RecordingListener listener = RecordingListener.recording();
      try (Watch watch = store.watch("/a/", store.currentRevision(), listener)) {
        KeyValue outside = store.create("/b/1", bytes("out"));

        await().atMost(Duration.ofSeconds(20))
            .until(() -> listener.progress() >= outside.modRevision());
        KeyValue inside = store.create("/a/1", bytes("in"));

        await().atMost(Duration.ofSeconds(20)).until(() -> listener.events().size() == 1);
        assertThat(listener.revisions()).containsExactly(inside.modRevision());
        // Progress only ever names revisions past the last event it follows.
        KeyValue later = store.create("/b/2", bytes("out"));
        await().atMost(Duration.ofSeconds(20))
            .until(() -> listener.progress() >= later.modRevision());
        assertThat(listener.revisions()).containsExactly(inside.modRevision());
      }
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
