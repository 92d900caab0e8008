package io.capstan.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.capstan.store.StoreException;
import io.capstan.store.etcd.etcdserverpb.KVGrpc;
import io.capstan.store.etcd.etcdserverpb.RangeRequest;
import io.capstan.store.etcd.etcdserverpb.RangeResponse;
import io.capstan.store.etcd.etcdserverpb.ResponseHeader;
import io.capstan.store.etcd.etcdserverpb.TxnRequest;
import io.capstan.store.etcd.etcdserverpb.TxnResponse;
import io.capstan.store.etcd.mvccpb.KeyValue;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * While an etcd cluster elects a new leader its members answer UNAVAILABLE ("etcdserver: leader
 * changed"). Against a KV service that does so on demand: reads are repeated until they get an
 * answer or the request timeout runs out; writes, which may have been applied, are not.
 */
class EtcdReadRetryTest {

  private static final Status LEADER_CHANGED =
      Status.UNAVAILABLE.withDescription("etcdserver: leader changed");

  private final AtomicInteger ranges = new AtomicInteger();
  private final AtomicInteger txns = new AtomicInteger();
  private Server server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.shutdownNow();
    }
  }

  @Test
  void aReadIsRepeatedThroughALeaderChangeAndAWriteIsNot() throws IOException {
    try (EtcdStore store = EtcdStore.open(EtcdStore.Options.of(start(2), "/t"))) {
      assertThat(store.get("/k")).hasValueSatisfying(kv ->
          assertThat(new String(kv.value(), StandardCharsets.UTF_8)).isEqualTo("v"));
      assertThat(ranges.get()).isEqualTo(3);

      assertThatThrownBy(() -> store.create("/k2", new byte[] {1}))
          .isInstanceOf(StoreException.Unavailable.class).hasMessageContaining("leader changed");
      assertThat(txns.get()).isEqualTo(1);
    }
  }

  @Test
  void aReadThatStaysUnavailableFailsWithinTheRequestTimeout() throws IOException {
    try (EtcdStore store = EtcdStore.open(EtcdStore.Options.of(start(Integer.MAX_VALUE), "/t")
        .withRequestTimeout(Duration.ofMillis(400)))) {
      long started = System.nanoTime();
      assertThatThrownBy(() -> store.get("/k"))
          .isInstanceOf(StoreException.Unavailable.class).hasMessageContaining("leader changed");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
      assertThat(ranges.get()).isGreaterThan(1);
    }
  }

  /** A KV service whose first {@code failures} ranges, and every txn, fail as in an election. */
  private String start(int failures) throws IOException {
    KVGrpc.KVImplBase kv = new KVGrpc.KVImplBase() {
      @Override
      public void range(RangeRequest request, StreamObserver<RangeResponse> out) {
        if (ranges.incrementAndGet() <= failures) {
          out.onError(LEADER_CHANGED.asRuntimeException());
          return;
        }
        out.onNext(RangeResponse.newBuilder()
            .setHeader(ResponseHeader.newBuilder().setRevision(7))
            .addKvs(KeyValue.newBuilder().setKey(request.getKey())
                .setValue(ByteString.copyFromUtf8("v")).setCreateRevision(5).setModRevision(5))
            .setCount(1).build());
        out.onCompleted();
      }

      @Override
      public void txn(TxnRequest request, StreamObserver<TxnResponse> out) {
        txns.incrementAndGet();
        out.onError(LEADER_CHANGED.asRuntimeException());
      }
    };
    server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create()).addService(kv)
        .build().start();
    return "etcd://127.0.0.1:" + server.getPort();
  }
}
