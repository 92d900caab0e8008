package io.capstan.store;

import java.util.Optional;

/**
 * A store that passes every call to another, for tests that change one behaviour of a real store
 * (a failure, a missing capability) and keep the rest: override what differs.
 */
public abstract class ForwardingStore implements Store {

  protected final Store delegate;

  protected ForwardingStore(Store delegate) {
    this.delegate = delegate;
  }

  @Override
  public long currentRevision() {
    return delegate.currentRevision();
  }

  @Override
  public long compactedRevision() {
    return delegate.compactedRevision();
  }

  @Override
  public KeyValue create(String key, byte[] value) {
    return delegate.create(key, value);
  }

  @Override
  public KeyValue update(String key, byte[] value, long expectedModRevision) {
    return delegate.update(key, value, expectedModRevision);
  }

  @Override
  public KeyValue delete(String key, long expectedModRevision) {
    return delegate.delete(key, expectedModRevision);
  }

  @Override
  public Optional<KeyValue> get(String key) {
    return delegate.get(key);
  }

  @Override
  public ListResult list(ListRequest request) {
    return delegate.list(request);
  }

  @Override
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    return delegate.watch(prefix, afterRevision, listener);
  }

  @Override
  public boolean isShared() {
    return delegate.isShared();
  }

  @Override
  public boolean supportsProgressRequests() {
    return delegate.supportsProgressRequests();
  }

  @Override
  public void compact(long revision) {
    delegate.compact(revision);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
