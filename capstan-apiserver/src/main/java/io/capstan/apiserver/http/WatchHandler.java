package io.capstan.apiserver.http;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.registry.ObjectFilter;
import io.capstan.apiserver.registry.ObjectKeys;
import io.capstan.apiserver.registry.ResourceType;
import io.capstan.apiserver.watch.CacheEvent;
import io.capstan.apiserver.watch.CacheWatch;
import io.capstan.apiserver.watch.CachedObject;
import io.capstan.apiserver.watch.WatchCache;
import io.capstan.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streams watch events as Kubernetes does: newline-delimited {@code {"type":...,"object":...}}
 * over a chunked response, from the watch cache. An object that stops matching the selectors is
 * reported as DELETED and one that starts matching as ADDED, so a watcher's view of a filtered
 * set stays exact. Bookmarks carry the newest revision to watchers that allow them.
 */
final class WatchHandler {

  /** Kubernetes' watch timeout when the client gives none: 30 to 60 minutes. */
  private static final Duration MIN_TIMEOUT = Duration.ofMinutes(30);
  private static final Duration POLL = Duration.ofMillis(250);

  private final WatchCache cache;
  private final Representations representations;
  private final Duration bookmarkInterval;
  private final Duration consistentReadTimeout;
  private final RandomGenerator random;

  WatchHandler(WatchCache cache, Representations representations, Duration bookmarkInterval,
      Duration consistentReadTimeout, RandomGenerator random) {
    this.cache = cache;
    this.representations = representations;
    this.bookmarkInterval = bookmarkInterval;
    this.consistentReadTimeout = consistentReadTimeout;
    this.random = random;
  }

  void handle(Exchange exchange, ResourceType type, RequestPath path, ResponseFormat format)
      throws InterruptedException {
    ObjectFilter filter = ObjectFilter.of(type, exchange.query("labelSelector").orElse(""),
        fieldSelector(exchange, path));
    String rv = exchange.query("resourceVersion").orElse("");
    boolean bookmarks = RequestOptions.boolParam(exchange, "allowWatchBookmarks");
    Optional<String> sendInitial = exchange.query("sendInitialEvents");
    boolean initialEvents = sendInitial.map(Boolean::parseBoolean)
        .orElse(rv.isEmpty() || rv.equals("0"));
    if (sendInitial.isPresent()) {
      String match = exchange.query("resourceVersionMatch").orElse("");
      if (!match.equals("NotOlderThan")) {
        throw ApiException.invalid("meta.k8s.io", "ListOptions", "", List.of(
            io.capstan.apiserver.errors.FieldError.forbidden("sendInitialEvents",
                "sendInitialEvents is forbidden for watch unless resourceVersionMatch is set to "
                    + "NotOlderThan")));
      }
    }
    long timeoutSeconds = RequestOptions.longParam(exchange, "timeoutSeconds")
        .orElse(MIN_TIMEOUT.toSeconds() + random.nextLong(MIN_TIMEOUT.toSeconds()));
    long deadline = System.nanoTime() + Duration.ofSeconds(Math.max(timeoutSeconds, 0)).toNanos();
    String prefix = ObjectKeys.prefix(type, path.namespace());
    String includeObject = exchange.query("includeObject").orElse("");

    long requested = rv.isEmpty() ? 0 : parse(rv);
    if (requested > 0) {
      awaitRevision(requested);
    }
    ResponseStream stream = exchange.stream(200, Responses.JSON,
        Map.of("Cache-Control", "no-cache, private"));
    EventWriter writer = new EventWriter(stream, type,
        representations.forWatch(type, format, includeObject));
    CacheWatch watch;
    try {
      if (initialEvents) {
        WatchCache.WatchStart start = cache.watchWithInitialState(prefix);
        watch = start.watch();
        for (CachedObject object : start.initial().items()) {
          if (filter.matches(object.object()) && !writer.write("ADDED", object)) {
            watch.close();
            return;
          }
        }
        if (sendInitial.isPresent() && bookmarks) {
          writer.initialEventsEnd(start.initial().revision());
        }
      } else {
        watch = cache.watch(prefix, requested);
      }
    } catch (StoreException.Compacted e) {
      writer.error(ApiException.gone("too old resource version: " + requested + " ("
          + e.compactedRevision() + ")"));
      stream.close();
      return;
    }
    try {
      stream(watch, writer, filter, bookmarks, deadline);
    } finally {
      watch.close();
      stream.close();
    }
  }

  private void stream(CacheWatch watch, EventWriter writer, ObjectFilter filter, boolean bookmarks,
      long deadline) throws InterruptedException {
    long lastSent = System.nanoTime();
    while (!writer.closed()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      Optional<CacheEvent> next = watch.next(left < POLL.toNanos() ? Duration.ofNanos(left) : POLL);
      if (next.isEmpty()) {
        if (watch.isClosed()) {
          return;
        }
        if (bookmarks && System.nanoTime() - lastSent > bookmarkInterval.toNanos()) {
          long revision = cache.revision();
          if (!writer.bookmark(revision)) {
            return;
          }
          lastSent = System.nanoTime();
        }
        continue;
      }
      CacheEvent event = next.get();
      Optional<String> kind = classify(event, filter);
      if (kind.isEmpty()) {
        continue;
      }
      if (!writer.write(kind.get(), event.object())) {
        return;
      }
      lastSent = System.nanoTime();
    }
  }

  /** The event type this watcher sees, given its selectors; empty if none. */
  static Optional<String> classify(CacheEvent event, ObjectFilter filter) {
    if (filter.isEmpty()) {
      return Optional.of(event.type().name());
    }
    boolean now = event.type() != CacheEvent.Type.DELETED && filter.matches(event.object().object());
    boolean before = event.previous().map(p -> filter.matches(p.object())).orElse(false);
    if (event.type() == CacheEvent.Type.DELETED) {
      return before ? Optional.of("DELETED") : Optional.empty();
    }
    if (now && before) {
      return Optional.of("MODIFIED");
    }
    if (now) {
      return Optional.of("ADDED");
    }
    return before ? Optional.of("DELETED") : Optional.empty();
  }

  private String fieldSelector(Exchange exchange, RequestPath path) {
    String selector = exchange.query("fieldSelector").orElse("");
    if (path.hasName()) {
      // A watch on /resource/name is a watch on the collection narrowed to that name.
      String byName = "metadata.name=" + path.name();
      return selector.isEmpty() ? byName : selector + "," + byName;
    }
    return selector;
  }

  private void awaitRevision(long revision) {
    try {
      cache.waitForRevision(revision, consistentReadTimeout);
    } catch (TimeoutException e) {
      throw ApiException.timeout("Too large resource version: " + revision + ", current: "
          + cache.revision());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.unavailable("interrupted");
    }
  }

  private static long parse(String rv) {
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

  /** Writes events in the wire format, as objects or as Table rows. */
  private static final class EventWriter {
    private static final byte[] OBJECT = "\",\"object\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TYPE = "{\"type\":\"".getBytes(StandardCharsets.UTF_8);

    private final ResponseStream stream;
    private final ResourceType type;
    private final Optional<Representations.WatchObjects> objects;

    EventWriter(ResponseStream stream, ResourceType type,
        Optional<Representations.WatchObjects> objects) {
      this.stream = stream;
      this.type = type;
      this.objects = objects;
    }

    boolean closed() {
      return stream.isClosed();
    }

    boolean write(String eventType, CachedObject object) throws InterruptedException {
      if (objects.isPresent()) {
        return send(eventType, objects.get().next(object.object()));
      }
      // The common case: the object as stored, whose JSON every watcher shares.
      byte[] json = object.json();
      byte[] name = eventType.getBytes(StandardCharsets.UTF_8);
      byte[] chunk = new byte[TYPE.length + name.length + OBJECT.length + json.length + 2];
      int at = 0;
      for (byte[] part : new byte[][] {TYPE, name, OBJECT, json}) {
        System.arraycopy(part, 0, chunk, at, part.length);
        at += part.length;
      }
      chunk[at] = '}';
      chunk[at + 1] = '\n';
      return stream.write(chunk);
    }

    boolean bookmark(long revision) throws InterruptedException {
      return send("BOOKMARK", bookmarkObject(revision, false));
    }

    void initialEventsEnd(long revision) throws InterruptedException {
      send("BOOKMARK", bookmarkObject(revision, true));
    }

    void error(ApiException error) throws InterruptedException {
      ObjectNode status = Json.toTree(error.status());
      status.put("kind", "Status");
      status.put("apiVersion", "v1");
      send("ERROR", status);
    }

    private ObjectNode bookmarkObject(long revision, boolean initialEventsEnd) {
      ObjectNode object = Json.object();
      object.put("kind", type.kind());
      object.put("apiVersion", type.apiVersion());
      ObjectNode meta = object.putObject("metadata");
      meta.put("resourceVersion", Long.toString(revision));
      if (initialEventsEnd) {
        meta.putObject("annotations").put("k8s.io/initial-events-end", "true");
      }
      return object;
    }

    private boolean send(String eventType, JsonNode object) throws InterruptedException {
      ObjectNode event = Json.object();
      event.put("type", eventType);
      event.set("object", object);
      byte[] line = Json.MAPPER.writeValueAsBytes(event);
      byte[] chunk = java.util.Arrays.copyOf(line, line.length + 1);
      chunk[line.length] = '\n';
      return stream.write(chunk);
    }
  }
}
