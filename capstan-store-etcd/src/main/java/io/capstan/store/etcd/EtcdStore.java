package io.capstan.store.etcd;

import com.google.protobuf.ByteString;
import io.capstan.store.KeyValue;
import io.capstan.store.ListRequest;
import io.capstan.store.ListResult;
import io.capstan.store.Store;
import io.capstan.store.StoreException;
import io.capstan.store.Watch;
import io.capstan.store.WatchListener;
import io.capstan.store.etcd.etcdserverpb.CompactionRequest;
import io.capstan.store.etcd.etcdserverpb.Compare;
import io.capstan.store.etcd.etcdserverpb.DeleteRangeRequest;
import io.capstan.store.etcd.etcdserverpb.DeleteRangeResponse;
import io.capstan.store.etcd.etcdserverpb.KVGrpc;
import io.capstan.store.etcd.etcdserverpb.MaintenanceGrpc;
import io.capstan.store.etcd.etcdserverpb.PutRequest;
import io.capstan.store.etcd.etcdserverpb.RangeRequest;
import io.capstan.store.etcd.etcdserverpb.RangeResponse;
import io.capstan.store.etcd.etcdserverpb.RequestOp;
import io.capstan.store.etcd.etcdserverpb.StatusRequest;
import io.capstan.store.etcd.etcdserverpb.StatusResponse;
import io.capstan.store.etcd.etcdserverpb.TxnRequest;
import io.capstan.store.etcd.etcdserverpb.TxnResponse;
import io.capstan.store.etcd.etcdserverpb.WatchGrpc;
import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A {@link Store} on an etcd v3 cluster, so that several servers share one store. It adds no
 * bookkeeping of its own: a key's revisions are etcd's create_revision and mod_revision, the
 * store's revision is etcd's header revision and compaction is etcd's, so the cluster's state is
 * the store's state and every server sees the same revisions. Compare-and-swap writes are etcd
 * transactions on create_revision and mod_revision.
 */
public final class EtcdStore implements Store {

  /** Room for lists of many large objects; etcd itself caps a single value at 1.5 MiB. */
  private static final int MAX_RESPONSE_BYTES = 256 << 20;
  /** How long a request that found no connection waits for one before reporting etcd unavailable. */
  private static final Duration RECONNECT_WAIT = Duration.ofSeconds(3);
  /** The first pause before a read that etcd refused as unavailable is repeated; it doubles. */
  private static final Duration READ_RETRY_BACKOFF = Duration.ofMillis(25);
  private static final Duration READ_RETRY_MAX_BACKOFF = Duration.ofMillis(500);

  /**
   * How to reach the cluster.
   *
   * @param endpoints client URLs of the members, as {@link EtcdEndpoints#parse} returns them
   * @param keyPrefix prepended to every store key in etcd (empty: store keys are etcd keys)
   * @param credentials the channel's security; plaintext by default, TLS credentials (and client
   *     certificates) plug in here
   * @param requestTimeout how long one request may take before the store reports the cluster
   *     unavailable
   */
  public record Options(List<URI> endpoints, String keyPrefix, ChannelCredentials credentials,
      Duration requestTimeout) {

    public Options {
      endpoints = List.copyOf(endpoints);
      Objects.requireNonNull(keyPrefix, "keyPrefix");
      Objects.requireNonNull(credentials, "credentials");
      Objects.requireNonNull(requestTimeout, "requestTimeout");
      if (endpoints.isEmpty()) {
        throw new IllegalArgumentException("no etcd endpoints");
      }
    }

    /** Plaintext to {@code etcd://host:port,...}, with keys under {@code keyPrefix}. */
    public static Options of(String endpointSpec, String keyPrefix) {
      return new Options(EtcdEndpoints.parse(endpointSpec), keyPrefix,
          InsecureChannelCredentials.create(), Duration.ofSeconds(30));
    }

    public Options withCredentials(ChannelCredentials newCredentials) {
      return new Options(endpoints, keyPrefix, newCredentials, requestTimeout);
    }

    public Options withRequestTimeout(Duration timeout) {
      return new Options(endpoints, keyPrefix, credentials, timeout);
    }
  }

  private final Options options;
  private final EtcdKeys keys;
  private final ManagedChannel channel;
  private final ScheduledExecutorService scheduler;
  private final Executor deliveryThreads;
  private final Set<EtcdWatch> watches = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** A compacted revision seen before; compaction only moves forward, so searches start here. */
  private final AtomicLong knownCompaction = new AtomicLong();
  private volatile Boolean orderedProgress;

  // nameResolverFactory is deprecated in favour of a registered provider, but registration is
  // process-wide; this gives the one channel its own member list instead.
  @SuppressWarnings("deprecation")
  private EtcdStore(Options options) {
    this.options = options;
    this.keys = new EtcdKeys(options.keyPrefix());
    this.channel = Grpc.newChannelBuilder(EndpointsNameResolver.SCHEME + ":///cluster",
            options.credentials())
        .nameResolverFactory(EndpointsNameResolver.factory(options.endpoints()))
        .maxInboundMessageSize(MAX_RESPONSE_BYTES)
        .keepAliveTime(30, TimeUnit.SECONDS)
        .build();
    ThreadFactory schedulerThreads =
        Thread.ofPlatform().daemon().name("etcd-store-retry").factory();
    this.scheduler = new ScheduledThreadPoolExecutor(1, schedulerThreads);
    ThreadFactory watchThreads = Thread.ofVirtual().name("etcd-watch-", 0).factory();
    this.deliveryThreads = task -> watchThreads.newThread(task).start();
  }

  /** Connects lazily: the first request (or {@link #status()}) finds out whether etcd is there. */
  public static EtcdStore open(Options options) {
    return new EtcdStore(options);
  }

  /** The member's status, through Maintenance.Status: a health probe that touches no keys. */
  public StatusResponse status() {
    return call(() -> MaintenanceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(options.requestTimeout())
        .status(StatusRequest.getDefaultInstance()));
  }

  /** Other servers may use the same cluster: that is what it is for. */
  @Override
  public boolean isShared() {
    return true;
  }

  /**
   * Whether the members answer progress requests in order with the events: etcd before 3.4.31 and
   * 3.5.13 could answer one ahead of events still in flight (etcd issues 15220 and 17507), which
   * would let a watcher believe it had seen a revision whose events were yet to come. Asked once.
   */
  @Override
  public boolean supportsProgressRequests() {
    Boolean known = orderedProgress;
    if (known == null) {
      known = EtcdVersions.ordersProgressRequests(status().getVersion());
      orderedProgress = known;
    }
    return known;
  }

  @Override
  public long currentRevision() {
    return range(countOnly(0)).getHeader().getRevision();
  }

  @Override
  public long compactedRevision() {
    // etcd does not publish its compacted revision: it only refuses reads below it. Compaction
    // only moves forward, so a binary search between the last one seen and now finds it.
    long current = currentRevision();
    long refused = Math.max(1, knownCompaction.get() - 1);
    if (readableAt(refused)) {
      return refused == 1 ? 0 : refused;
    }
    long readable = current;
    while (readable - refused > 1) {
      long middle = refused + (readable - refused) / 2;
      if (readableAt(middle)) {
        readable = middle;
      } else {
        refused = middle;
      }
    }
    knownCompaction.accumulateAndGet(readable, Math::max);
    return readable;
  }

  @Override
  public KeyValue create(String key, byte[] value) {
    ByteString etcdKey = keys.toEtcd(key);
    TxnResponse response = txn(TxnRequest.newBuilder()
        .addCompare(Compare.newBuilder().setKey(etcdKey)
            .setTarget(Compare.CompareTarget.CREATE).setResult(Compare.CompareResult.EQUAL)
            .setCreateRevision(0))
        .addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder()
            .setKey(etcdKey).setValue(ByteString.copyFrom(value))))
        .build());
    if (!response.getSucceeded()) {
      throw new StoreException.KeyExists(key);
    }
    long revision = response.getHeader().getRevision();
    return new KeyValue(key, value.clone(), revision, revision);
  }

  @Override
  public KeyValue update(String key, byte[] value, long expectedModRevision) {
    ByteString etcdKey = keys.toEtcd(key);
    TxnResponse response = txn(compareAndSwap(etcdKey, expectedModRevision)
        .addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder()
            .setKey(etcdKey).setValue(ByteString.copyFrom(value)).setPrevKv(true)))
        .build());
    if (!response.getSucceeded()) {
      throw lostCompareAndSwap(key, response);
    }
    long created = response.getResponses(0).getResponsePut().getPrevKv().getCreateRevision();
    return new KeyValue(key, value.clone(), created, response.getHeader().getRevision());
  }

  @Override
  public KeyValue delete(String key, long expectedModRevision) {
    ByteString etcdKey = keys.toEtcd(key);
    RequestOp deleteOp = RequestOp.newBuilder().setRequestDeleteRange(
        DeleteRangeRequest.newBuilder().setKey(etcdKey).setPrevKv(true)).build();
    DeleteRangeResponse deleted;
    long revision;
    if (expectedModRevision == 0) {
      deleted = call(() -> kv().deleteRange(deleteOp.getRequestDeleteRange()));
      revision = deleted.getHeader().getRevision();
    } else {
      TxnResponse response = txn(compareAndSwap(etcdKey, expectedModRevision)
          .addSuccess(deleteOp).build());
      if (!response.getSucceeded()) {
        throw lostCompareAndSwap(key, response);
      }
      deleted = response.getResponses(0).getResponseDeleteRange();
      revision = response.getHeader().getRevision();
    }
    if (deleted.getPrevKvsCount() == 0) {
      throw new StoreException.KeyNotFound(key);
    }
    io.capstan.store.etcd.mvccpb.KeyValue before = deleted.getPrevKvs(0);
    return new KeyValue(key, before.getValue().toByteArray(), before.getCreateRevision(), revision);
  }

  /** A transaction that runs its success ops only if the key exists at that modRevision. */
  private TxnRequest.Builder compareAndSwap(ByteString etcdKey, long expectedModRevision) {
    return TxnRequest.newBuilder()
        .addCompare(Compare.newBuilder().setKey(etcdKey)
            .setTarget(Compare.CompareTarget.CREATE).setResult(Compare.CompareResult.GREATER)
            .setCreateRevision(0))
        .addCompare(Compare.newBuilder().setKey(etcdKey)
            .setTarget(Compare.CompareTarget.MOD).setResult(Compare.CompareResult.EQUAL)
            .setModRevision(expectedModRevision))
        .addFailure(RequestOp.newBuilder()
            .setRequestRange(RangeRequest.newBuilder().setKey(etcdKey)));
  }

  private StoreException lostCompareAndSwap(String key, TxnResponse response) {
    RangeResponse current = response.getResponses(0).getResponseRange();
    if (current.getKvsCount() == 0) {
      return new StoreException.KeyNotFound(key);
    }
    return new StoreException.Conflict(keys.toKeyValue(current.getKvs(0)));
  }

  @Override
  public Optional<KeyValue> get(String key) {
    RangeResponse response = range(RangeRequest.newBuilder().setKey(keys.toEtcd(key)).build());
    return response.getKvsList().stream().findFirst().map(keys::toKeyValue);
  }

  @Override
  public ListResult list(ListRequest request) {
    ByteString prefix = keys.toEtcd(request.prefix());
    ByteString end = EtcdKeys.prefixEnd(prefix);
    ByteString start = prefix;
    if (request.startAfter().isPresent()) {
      ByteString after = EtcdKeys.successor(keys.toEtcd(request.startAfter().get()));
      if (ByteString.unsignedLexicographicalComparator().compare(after, start) > 0) {
        start = after;
      }
    }
    long revision = request.revision();
    if (ByteString.unsignedLexicographicalComparator().compare(start, end) >= 0) {
      // Past the end of the prefix: nothing to read, but the revision must still be valid.
      long at = revision == 0 ? currentRevision() : checkReadable(revision);
      return new ListResult(List.of(), at, 0);
    }
    RangeRequest range = RangeRequest.newBuilder()
        .setKey(start).setRangeEnd(end).setRevision(revision).setLimit(request.limit())
        .build();
    RangeResponse response;
    try {
      response = rangeRaw(range);
    } catch (StatusRuntimeException e) {
      throw revisionError(revision, e);
    }
    List<KeyValue> items = response.getKvsList().stream().map(keys::toKeyValue).toList();
    long at = revision == 0 ? response.getHeader().getRevision() : revision;
    return new ListResult(items, at, response.getCount() - items.size());
  }

  @Override
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(listener, "listener");
    checkOpen();
    // A watch may start ahead of the store (it then waits), but not in compacted history.
    if (!readableAt(Math.max(afterRevision, 1))) {
      throw new StoreException.Compacted(afterRevision, compactedRevision());
    }
    ByteString key = keys.toEtcd(prefix);
    EtcdWatch watch = new EtcdWatch(this, key, EtcdKeys.prefixEnd(key), afterRevision, listener,
        new SerialExecutor(deliveryThreads));
    watches.add(watch);
    if (closed.get()) {
      watch.finish(Optional.empty());
      return watch;
    }
    watch.open();
    return watch;
  }

  @Override
  public void compact(long revision) {
    try {
      callRaw(() -> kv().compact(CompactionRequest.newBuilder().setRevision(revision).build()));
      knownCompaction.accumulateAndGet(revision, Math::max);
    } catch (StatusRuntimeException e) {
      if (EtcdErrors.isCompacted(e)) {
        return; // at or below the compacted revision: nothing to do, as the contract says
      }
      throw revisionError(revision, e);
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (EtcdWatch watch : List.copyOf(watches)) {
      watch.finish(Optional.empty());
    }
    scheduler.shutdownNow();
    channel.shutdownNow();
  }

  /** Throws Compacted or FutureRevision unless a list at {@code revision} would work. */
  private long checkReadable(long revision) {
    try {
      rangeRaw(countOnly(revision));
      return revision;
    } catch (StatusRuntimeException e) {
      throw revisionError(revision, e);
    }
  }

  /** Whether {@code revision} is not compacted (a future revision is not compacted either). */
  private boolean readableAt(long revision) {
    try {
      rangeRaw(countOnly(revision));
      return true;
    } catch (StatusRuntimeException e) {
      if (EtcdErrors.isCompacted(e)) {
        return false;
      }
      if (EtcdErrors.isFutureRevision(e)) {
        return true;
      }
      throw EtcdErrors.unavailable(e);
    }
  }

  private StoreException revisionError(long revision, StatusRuntimeException e) {
    if (EtcdErrors.isCompacted(e)) {
      return new StoreException.Compacted(revision, compactedRevision());
    }
    if (EtcdErrors.isFutureRevision(e)) {
      return new StoreException.FutureRevision(revision, currentRevision());
    }
    return EtcdErrors.unavailable(e);
  }

  /** A cheap read at a revision: counts the keys under the store's prefix, returns none. */
  private RangeRequest countOnly(long revision) {
    ByteString root = keys.toEtcd("");
    RangeRequest.Builder range = RangeRequest.newBuilder().setCountOnly(true).setRevision(revision);
    if (root.isEmpty()) {
      ByteString everything = ByteString.copyFrom(new byte[] {0});
      return range.setKey(everything).setRangeEnd(everything).build();
    }
    return range.setKey(root).setRangeEnd(EtcdKeys.prefixEnd(root)).build();
  }

  private RangeResponse range(RangeRequest request) {
    try {
      return rangeRaw(request);
    } catch (StatusRuntimeException e) {
      throw EtcdErrors.unavailable(e);
    }
  }

  /**
   * A read, repeated while a member answers that the cluster is between leaders ("etcdserver:
   * leader changed", "no leader"), for up to the request timeout, and once more when the
   * connection broke under it (the next attempt reconnects, to another member if need be). A read
   * changes nothing, so repeating it is safe — etcd's own client does the same for ranges. Writes
   * are not repeated: one interrupted by a leader change may have been applied.
   */
  private RangeResponse rangeRaw(RangeRequest request) {
    long deadline = System.nanoTime() + options.requestTimeout().toNanos();
    Duration backoff = READ_RETRY_BACKOFF;
    boolean reconnected = false;
    while (true) {
      try {
        return callRaw(() -> kv().range(request));
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || closed.get()) {
          throw e;
        }
        if (!EtcdErrors.isBetweenLeaders(e)) {
          if (reconnected) {
            throw e;
          }
          reconnected = true;
          continue;
        }
        if (System.nanoTime() + backoff.toNanos() > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new StoreException.Unavailable("etcd: interrupted while repeating a read",
            interrupted);
      }
      backoff = backoff.multipliedBy(2);
      if (backoff.compareTo(READ_RETRY_MAX_BACKOFF) > 0) {
        backoff = READ_RETRY_MAX_BACKOFF;
      }
    }
  }

  private TxnResponse txn(TxnRequest request) {
    return call(() -> kv().txn(request));
  }

  private KVGrpc.KVBlockingStub kv() {
    return KVGrpc.newBlockingStub(channel).withDeadlineAfter(options.requestTimeout());
  }

  private <T> T call(Supplier<T> rpc) {
    try {
      return callRaw(rpc);
    } catch (StatusRuntimeException e) {
      throw EtcdErrors.unavailable(e);
    }
  }

  private <T> T callRaw(Supplier<T> rpc) {
    checkOpen();
    boolean wasConnected = channel.getState(false) == ConnectivityState.READY;
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      if (wasConnected || e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
        throw e;
      }
      // Without a connection the request failed before it was sent, so even a write is safe to
      // repeat. gRPC otherwise waits out its reconnect backoff (seconds, growing) while a member
      // that came back is already serving; reconnect now and try once more.
      channel.resetConnectBackoff();
      if (!awaitConnected(RECONNECT_WAIT)) {
        throw e;
      }
      return rpc.get();
    }
  }

  private boolean awaitConnected(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    ConnectivityState state = channel.getState(true);
    while (state != ConnectivityState.READY) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0 || state == ConnectivityState.SHUTDOWN) {
        return false;
      }
      CountDownLatch changed = new CountDownLatch(1);
      channel.notifyWhenStateChanged(state, changed::countDown);
      try {
        changed.await(remaining, TimeUnit.NANOSECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return false;
      }
      state = channel.getState(true);
    }
    return true;
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new StoreException.Unavailable("the store is closed", null);
    }
  }

  // What the watches of this store share.

  WatchGrpc.WatchStub watchStub() {
    // A watch waits for a member to come back rather than failing while the cluster fails over.
    return WatchGrpc.newStub(channel).withWaitForReady();
  }

  EtcdKeys keys() {
    return keys;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  boolean isClosed() {
    return closed.get();
  }

  void forget(EtcdWatch watch) {
    watches.remove(watch);
  }
}
