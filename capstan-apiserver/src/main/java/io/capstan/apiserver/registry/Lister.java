package io.capstan.apiserver.registry;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.watch.CachedObject;
import io.capstan.apiserver.watch.WatchCache;
import io.capstan.store.KeyValue;
import io.capstan.store.ListRequest;
import io.capstan.store.ListResult;
import io.capstan.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves lists with Kubernetes' resourceVersion semantics. Whole lists come from the watch cache
 * (after it has caught up with the store when the client asked for the most recent state); pages
 * ({@code limit}/{@code continue}) and exact old revisions come from the store, which can read at a
 * fixed revision so every page of one list is consistent.
 */
public final class Lister {

  /** How many keys one store round trip scans while filling a filtered page. */
  private static final int SCAN_BATCH = 500;

  private final RegistryContext ctx;

  public Lister(RegistryContext ctx) {
    this.ctx = ctx;
  }

  public ListPage list(ResourceType type, String namespace, ListOptions options) {
    ObjectFilter filter = ObjectFilter.of(type, options.labelSelector(), options.fieldSelector());
    String prefix = ObjectKeys.prefix(type, namespace);
    if (!options.continueToken().isEmpty()) {
      if (!options.resourceVersion().isEmpty() && !options.resourceVersion().equals("0")) {
        throw ApiException.badRequest("specifying resource version is not allowed when using continue");
      }
      ContinueToken token = ContinueToken.decode(options.continueToken());
      return fromStore(prefix, token.revision(), Optional.of(prefix + token.startAfter()),
          options.limit(), filter);
    }
    String rv = options.resourceVersion();
    String match = options.resourceVersionMatch();
    long requested = parseRevision(rv);
    switch (match) {
      case "", "NotOlderThan", "Exact" -> { }
      default -> throw ApiException.badRequest("resourceVersionMatch: Unsupported value: \"" + match
          + "\": supported values: \"Exact\", \"NotOlderThan\"");
    }
    if (!match.isEmpty() && rv.isEmpty()) {
      throw ApiException.badRequest(
          "resourceVersionMatch is forbidden unless resourceVersion is provided");
    }
    if (match.equals("Exact")) {
      if (requested == 0) {
        throw ApiException.badRequest(
            "resourceVersionMatch \"Exact\" is forbidden for resourceVersion \"0\"");
      }
      return fromStore(prefix, requested, Optional.empty(), options.limit(), filter);
    }
    if (options.limit() > 0 && !rv.equals("0")) {
      long at = rv.isEmpty() ? 0 : requested;
      if (at > 0) {
        awaitCache(at);
      }
      return fromStore(prefix, at, Optional.empty(), options.limit(), filter);
    }
    if (rv.isEmpty() && !cacheReaches(ctx.store().currentRevision())) {
      // The store cannot tell the cache that it caught up (old etcd, revisions moved by keys
      // outside the cache): a consistent list is still owed, so read it from the store.
      return fromStore(prefix, 0, Optional.empty(), 0, filter);
    }
    awaitCache(requested);
    WatchCache.Snapshot snapshot = ctx.cache().list(prefix);
    List<ObjectNode> items = new ArrayList<>(snapshot.items().size());
    for (CachedObject object : snapshot.items()) {
      if (filter.isEmpty() || filter.matches(object.object())) {
        items.add(object.object());
      }
    }
    return new ListPage(items, snapshot.revision(), "", Optional.empty());
  }

  private ListPage fromStore(String prefix, long revision, Optional<String> startAfter, long limit,
      ObjectFilter filter) {
    List<ObjectNode> items = new ArrayList<>();
    ListRequest request = new ListRequest(prefix, revision,
        limit > 0 && filter.isEmpty() ? (int) Math.min(limit, Integer.MAX_VALUE)
            : limit > 0 ? SCAN_BATCH : 0,
        startAfter);
    try {
      while (true) {
        ListResult result = ctx.store().list(request);
        long at = result.revision();
        String lastKey = null;
        List<KeyValue> page = result.items();
        for (int i = 0; i < page.size(); i++) {
          KeyValue kv = page.get(i);
          lastKey = kv.key();
          ObjectNode object = ObjectCodec.decode(kv);
          if (!filter.isEmpty() && !filter.matches(object)) {
            continue;
          }
          items.add(object);
          if (limit > 0 && items.size() >= limit) {
            long remaining = result.remaining() + (page.size() - 1 - i);
            if (remaining == 0) {
              return new ListPage(items, at, "", Optional.empty());
            }
            String token = new ContinueToken(at, kv.key().substring(prefix.length())).encode();
            // The count is only exact when nothing filters the rest.
            Optional<Long> count = filter.isEmpty() ? Optional.of(remaining) : Optional.empty();
            return new ListPage(items, at, token, count);
          }
        }
        if (!result.hasMore() || lastKey == null) {
          return new ListPage(items, at, "", Optional.empty());
        }
        request = request.atRevision(at).startingAfter(lastKey);
      }
    } catch (StoreException.Compacted e) {
      throw ApiException.gone("The provided continue parameter is too old to display a consistent"
          + " list result. You can start a new list without the continue parameter.");
    } catch (StoreException.FutureRevision e) {
      throw ApiException.timeout("Too large resource version: " + revision + ", current: "
          + ctx.store().currentRevision());
    }
  }

  private boolean cacheReaches(long revision) {
    try {
      ctx.cache().waitForRevision(revision, ctx.consistentReadTimeout());
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.unavailable("interrupted");
    }
  }

  private void awaitCache(long revision) {
    try {
      ctx.cache().waitForRevision(revision, ctx.consistentReadTimeout());
    } catch (TimeoutException e) {
      throw ApiException.timeout("Too large resource version: " + revision + ", current: "
          + ctx.cache().revision());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.unavailable("interrupted");
    }
  }

  static long parseRevision(String rv) {
    if (rv.isEmpty()) {
      return 0;
    }
    try {
      long value = Long.parseLong(rv);
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("Invalid value: \"" + rv + "\": resourceVersion must be an integer");
    }
  }
}
