package io.capstan.apiserver.guard;

import io.capstan.apiserver.errors.ApiException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the requests in flight, per client and in total, apart for reads and for mutations, as
 * kube-apiserver's {@code --max-requests-inflight} (400) and {@code
 * --max-mutating-requests-inflight} (200) do, with a per-client share on top so one busy client
 * cannot starve the others (the fairness API priority and fairness gives Kubernetes). Long-running
 * requests (see {@link #isLongRunning}) are not counted, as in Kubernetes: a watch holds no permit.
 *
 * <p>Use: {@code try (Permit p = limiter.tryAcquire(user, mutating).orElseThrow(
 * InflightLimiter::rejection)) { serve(); }}; a rejection is the 429 kubectl and fabric8 retry.
 */
public final class InflightLimiter {

  /** Kubernetes' wording for a rejected request. */
  public static final String MESSAGE = "Too many requests, please try again later.";
  /** What a rejected client is told to wait, in seconds (Kubernetes says 1). */
  public static final int RETRY_AFTER_SECONDS = 1;

  /**
   * @param perClientReads reads one client may have in flight
   * @param perClientMutations mutations one client may have in flight
   * @param totalReads reads all clients together may have in flight
   * @param totalMutations mutations all clients together may have in flight
   */
  public record Limits(int perClientReads, int perClientMutations, int totalReads,
      int totalMutations) {

    public Limits {
      if (perClientReads <= 0 || perClientMutations <= 0 || totalReads <= 0
          || totalMutations <= 0) {
        throw new IllegalArgumentException("inflight limits must be positive");
      }
    }

    /** 100 reads and 50 mutations per client; 400 and 200 in total, Kubernetes' defaults. */
    public static Limits defaults() {
      return new Limits(100, 50, 400, 200);
    }
  }

  /** The right to serve one request; closing it (more than once is harmless) gives it back. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  private final Limits limits;
  private final AtomicInteger totalReads = new AtomicInteger();
  private final AtomicInteger totalMutations = new AtomicInteger();
  private final Map<String, ClientCounts> clients = new ConcurrentHashMap<>();

  public InflightLimiter(Limits limits) {
    this.limits = limits;
  }

  /**
   * A permit for one request of {@code client} (the authenticated user name), or empty when the
   * client or the server is at its limit for that kind of request.
   */
  public Optional<Permit> tryAcquire(String client, boolean mutating) {
    Objects.requireNonNull(client, "client (system:anonymous if unauthenticated)");
    AtomicInteger total = mutating ? totalMutations : totalReads;
    int totalLimit = mutating ? limits.totalMutations() : limits.totalReads();
    if (!increment(total, totalLimit)) {
      return Optional.empty();
    }
    int clientLimit = mutating ? limits.perClientMutations() : limits.perClientReads();
    AtomicInteger own = acquireClient(client, mutating, clientLimit);
    if (own == null) {
      total.decrementAndGet();
      return Optional.empty();
    }
    AtomicBoolean released = new AtomicBoolean();
    return Optional.of(() -> {
      if (released.compareAndSet(false, true)) {
        releaseClient(client, own);
        total.decrementAndGet();
      }
    });
  }

  /** The 429 for a refused request: reason TooManyRequests, with {@code Retry-After: 1}. */
  public static ApiException rejection() {
    return ApiException.tooManyRequests(MESSAGE, RETRY_AFTER_SECONDS);
  }

  /** Requests in flight now, for metrics and tests. */
  public int inFlight(boolean mutating) {
    return (mutating ? totalMutations : totalReads).get();
  }

  /**
   * Whether a request runs as long as the client likes and so holds no permit, as Kubernetes'
   * long-running check: a watch ({@code watch=true} or a {@code /watch/} path), a log follow,
   * and exec, attach, port-forward and proxy.
   */
  public static boolean isLongRunning(String method, String path,
      Map<String, List<String>> query) {
    if (!method.equalsIgnoreCase("GET") && !method.equalsIgnoreCase("POST")) {
      return false;
    }
    if (truthy(query, "watch") || path.contains("/watch/")) {
      return true;
    }
    String last = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    return switch (last) {
      case "log" -> truthy(query, "follow");
      case "exec", "attach", "portforward", "proxy" -> true;
      default -> path.contains("/proxy/");
    };
  }

  private AtomicInteger acquireClient(String client, boolean mutating, int limit) {
    AtomicInteger[] acquired = {null};
    // compute() serializes with the release below, so an entry is never dropped while counted.
    clients.compute(client, (key, counts) -> {
      ClientCounts c = counts == null ? new ClientCounts() : counts;
      AtomicInteger own = mutating ? c.mutations : c.reads;
      if (own.get() < limit) {
        own.incrementAndGet();
        acquired[0] = own;
      }
      return c.isEmpty() ? null : c;
    });
    return acquired[0];
  }

  private void releaseClient(String client, AtomicInteger own) {
    clients.computeIfPresent(client, (key, counts) -> {
      own.decrementAndGet();
      return counts.isEmpty() ? null : counts;
    });
  }

  private static boolean increment(AtomicInteger counter, int limit) {
    while (true) {
      int now = counter.get();
      if (now >= limit) {
        return false;
      }
      if (counter.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  private static boolean truthy(Map<String, List<String>> query, String key) {
    List<String> values = query.get(key);
    if (values == null || values.isEmpty()) {
      return false;
    }
    String v = values.getFirst();
    return !v.equalsIgnoreCase("false") && !v.equals("0");
  }

  /** One client's requests in flight; only touched inside the map's compute functions. */
  private static final class ClientCounts {
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger mutations = new AtomicInteger();

    boolean isEmpty() {
      return reads.get() == 0 && mutations.get() == 0;
    }
  }
}
