package io.capstan.store.etcd;

import com.google.protobuf.ByteString;
import io.capstan.store.KeyValue;
import io.capstan.store.StoreException;
import io.capstan.store.Watch;
import io.capstan.store.WatchEvent;
import io.capstan.store.WatchListener;
import io.capstan.store.etcd.etcdserverpb.WatchCreateRequest;
import io.capstan.store.etcd.etcdserverpb.WatchProgressRequest;
import io.capstan.store.etcd.etcdserverpb.WatchRequest;
import io.capstan.store.etcd.etcdserverpb.WatchResponse;
import io.capstan.store.etcd.mvccpb.Event;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One store watch on its own etcd watch stream. The stream asks etcd for one response at a time
 * and asks for the next only after the listener has taken the previous one, so a slow listener
 * holds back its own stream (and etcd buffers for it) without delaying anyone else.
 *
 * <p>The etcd watch starts at {@code afterRevision} itself rather than the revision after it and
 * drops what it has already delivered: etcd then refuses exactly the starts the store contract
 * refuses (below the compacted revision). When the stream breaks (a member restarts, the
 * connection drops) it is opened again from the last delivered revision, so the listener sees
 * every change once, in order, across the failover.
 */
final class EtcdWatch implements Watch {

  private static final Logger LOG = LoggerFactory.getLogger(EtcdWatch.class);
  private static final long MAX_BACKOFF_MILLIS = 5_000;
  private static final WatchRequest PROGRESS_REQUEST = WatchRequest.newBuilder()
      .setProgressRequest(WatchProgressRequest.getDefaultInstance()).build();

  private final EtcdStore store;
  private final ByteString key;
  private final ByteString rangeEnd;
  private final WatchListener listener;
  private final SerialExecutor delivery;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile ClientCallStreamObserver<WatchRequest> call;
  private volatile Stream stream;
  /** The revision of the last change delivered (or the start); touched on the delivery thread. */
  private volatile long lastRevision;
  private int failures;

  EtcdWatch(EtcdStore store, ByteString key, ByteString rangeEnd, long afterRevision,
      WatchListener listener, SerialExecutor delivery) {
    this.store = store;
    this.key = key;
    this.rangeEnd = rangeEnd;
    this.lastRevision = afterRevision;
    this.listener = listener;
    this.delivery = delivery;
  }

  void open() {
    if (ended.get()) {
      return;
    }
    WatchRequest create = WatchRequest.newBuilder()
        .setCreateRequest(WatchCreateRequest.newBuilder()
            .setKey(key)
            .setRangeEnd(rangeEnd)
            .setStartRevision(Math.max(lastRevision, 1))
            .setPrevKv(true)
            // etcd then reports an idle watch's revision now and then (every 10 minutes by
            // default), in order with its events.
            .setProgressNotify(true))
        .build();
    Stream opened = new Stream();
    stream = opened;
    store.watchStub().watch(opened);
    opened.send(create);
    if (ended.get()) {
      cancel();
    }
  }

  private final class Stream implements ClientResponseObserver<WatchRequest, WatchResponse> {
    private volatile ClientCallStreamObserver<WatchRequest> requests;
    private volatile boolean created;

    /** gRPC's request side is not thread-safe: the create and progress requests take turns. */
    synchronized void send(WatchRequest request) {
      try {
        requests.onNext(request);
      } catch (IllegalStateException cancelled) {
        // The stream ended meanwhile; its replacement sends its own requests.
      }
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchRequest> stream) {
      requests = stream;
      call = stream;
      stream.disableAutoRequestWithInitial(1);
    }

    @Override
    public void onNext(WatchResponse response) {
      if (response.getCreated()) {
        created = true;
      }
      delivery.execute(() -> {
        handle(response);
        if (!ended.get()) {
          requests.request(1);
        }
      });
    }

    @Override
    public void onError(Throwable t) {
      delivery.execute(() -> streamBroke(t));
    }

    @Override
    public void onCompleted() {
      delivery.execute(() -> streamBroke(new IllegalStateException("etcd ended the watch stream")));
    }
  }

  private void handle(WatchResponse response) {
    if (ended.get()) {
      return;
    }
    failures = 0;
    if (response.getCompactRevision() > 0) {
      finish(Optional.of(
          new StoreException.Compacted(lastRevision, response.getCompactRevision())));
      return;
    }
    if (response.getCanceled()) {
      finish(Optional.of(new StoreException.Unavailable(
          "etcd canceled the watch: " + response.getCancelReason(), null)));
      return;
    }
    if (isProgress(response)) {
      long revision = response.getHeader().getRevision();
      if (revision > lastRevision) {
        lastRevision = revision;
        listener.onProgress(revision);
      }
      return;
    }
    for (Event event : response.getEventsList()) {
      long revision = event.getKv().getModRevision();
      if (ended.get()) {
        return;
      }
      if (revision > lastRevision) {
        listener.onEvent(toWatchEvent(event));
        lastRevision = revision;
      }
    }
  }

  /**
   * A response without events that only carries a revision. The "created" response does not count:
   * its revision is etcd's at creation, and the history after the start revision follows it.
   */
  private static boolean isProgress(WatchResponse response) {
    return response.getEventsCount() == 0 && !response.getCreated() && !response.getCanceled()
        && response.getCompactRevision() == 0 && response.hasHeader();
  }

  @Override
  public void requestProgress() {
    Stream current = stream;
    if (current == null || !current.created || ended.get() || !store.supportsProgressRequests()) {
      return; // before "created" etcd could answer for a stream without watchers
    }
    current.send(PROGRESS_REQUEST);
  }

  private WatchEvent toWatchEvent(Event event) {
    EtcdKeys keys = store.keys();
    Optional<KeyValue> previous = event.hasPrevKv()
        ? Optional.of(keys.toKeyValue(event.getPrevKv()))
        : Optional.empty();
    if (event.getType() == Event.EventType.PUT) {
      return new WatchEvent(WatchEvent.Type.PUT, keys.toKeyValue(event.getKv()), previous);
    }
    // etcd's delete event carries only the key; the store's carries the deleted value.
    KeyValue deleted = new KeyValue(
        keys.fromEtcd(event.getKv().getKey()),
        previous.map(KeyValue::value).orElse(new byte[0]),
        previous.map(KeyValue::createRevision).orElse(0L),
        event.getKv().getModRevision());
    return new WatchEvent(WatchEvent.Type.DELETE, deleted, previous);
  }

  private void streamBroke(Throwable cause) {
    if (ended.get()) {
      return;
    }
    if (store.isClosed()) {
      finish(Optional.empty());
      return;
    }
    long delay = Math.min(MAX_BACKOFF_MILLIS, 100L << Math.min(failures, 6));
    failures++;
    LOG.info("etcd watch stream broke ({}); resuming after revision {} in {} ms",
        cause.getMessage(), lastRevision, delay);
    try {
      store.scheduler().schedule(() -> delivery.execute(this::open), delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      finish(Optional.empty());
    }
  }

  /** Ends the watch once: stops the stream and tells the listener after any event in progress. */
  void finish(Optional<StoreException> error) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    cancel();
    store.forget(this);
    delivery.execute(() -> listener.onClose(error));
  }

  private void cancel() {
    ClientCallStreamObserver<WatchRequest> current = call;
    if (current != null) {
      current.cancel("watch closed", null);
    }
  }

  @Override
  public void close() {
    finish(Optional.empty());
  }
}
