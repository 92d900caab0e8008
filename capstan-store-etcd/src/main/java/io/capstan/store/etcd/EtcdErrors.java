package io.capstan.store.etcd;

import io.capstan.store.StoreException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Recognizes etcd's errors. etcd reports both "compacted" and "future revision" as OUT_OF_RANGE
 * and tells them apart only by message (etcdserver/api/v3rpc/rpctypes), so that is what is matched.
 */
final class EtcdErrors {

  private EtcdErrors() {}

  static boolean isCompacted(StatusRuntimeException e) {
    return hasMessage(e, "required revision has been compacted");
  }

  static boolean isFutureRevision(StatusRuntimeException e) {
    return hasMessage(e, "required revision is a future revision");
  }

  /**
   * A member that is up but has no leader to serve the request through: an election is under
   * way ("leader changed", "no leader", "not leader" and the like, all UNAVAILABLE with etcd's
   * "etcdserver: " prefix), as opposed to a connection that failed.
   */
  static boolean isBetweenLeaders(StatusRuntimeException e) {
    String description = e.getStatus().getDescription();
    return e.getStatus().getCode() == Status.Code.UNAVAILABLE && description != null
        && description.startsWith("etcdserver: ");
  }

  private static boolean hasMessage(StatusRuntimeException e, String message) {
    String description = e.getStatus().getDescription();
    return e.getStatus().getCode() == Status.Code.OUT_OF_RANGE
        && description != null && description.contains(message);
  }

  static StoreException.Unavailable unavailable(StatusRuntimeException e) {
    return new StoreException.Unavailable("etcd: " + e.getStatus(), e);
  }
}
