package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits, as {@code kubectl delete --wait} does, until a deleted object is gone: its GET answers
 * 404, or answers with another object of the same name (another uid) created since.
 */
final class DeletionWait {

  private static final Duration POLL = Duration.ofMillis(200);

  private DeletionWait() {}

  /** Returns when the object is gone; {@code limit} zero waits without end. */
  static void untilGone(Cluster cluster, ObjectRef ref, String uid, Duration limit) {
    Instant deadline = limit.isZero() ? Instant.MAX : Instant.now().plus(limit);
    while (true) {
      Cluster.Reply reply = cluster.get(ref.path(), Cluster.JSON);
      if (reply.code() == 404) {
        return;
      }
      if (reply.ok() && !uid.isEmpty() && !uid.equals(
          Json.MAPPER.readTree(reply.body()).path("metadata").path("uid").asString(""))) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new KubectlError("error: timed out waiting for the condition on "
            + ref.type().name() + "/" + ref.name());
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KubectlError("error: interrupted");
      }
    }
  }
}
