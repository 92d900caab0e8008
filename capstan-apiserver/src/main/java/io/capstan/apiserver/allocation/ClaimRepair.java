package io.capstan.apiserver.allocation;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-apiserver's ipallocator and portallocator repair loops
 * ({@code pkg/registry/core/service/{ipallocator,portallocator}/controller/repair.go}) over
 * {@link StoreClaims}: a server that dies between claiming a value and writing its Service, or
 * between deleting a Service and releasing its values, leaves the claims out of step with the
 * Services. Each round
 *
 * <ul>
 *   <li>claims every in-range value a Service uses that nobody holds;
 *   <li>releases a claim no Service uses once it has been seen unused, at the same revision, in
 *       {@link #ROUNDS_BEFORE_RELEASE} rounds in a row: a create in flight (value claimed, Service
 *       not yet written) has had two whole intervals to finish, and a value given back and claimed
 *       again meanwhile starts over.
 * </ul>
 *
 * <p>The claims are read before the Services. Then a value can only look unclaimed if it was
 * unclaimed when the Services were read later, or claimed in between — and claiming is
 * create-if-absent, so repairing a value someone has just claimed changes nothing. Every server
 * runs it, as every kube-apiserver runs its repair loops; the store serializes their writes.
 */
public final class ClaimRepair {

  /** Kubernetes' {@code numRepairsBeforeLeakCleanup}. */
  public static final int ROUNDS_BEFORE_RELEASE = 3;

  private static final Logger LOG = LoggerFactory.getLogger(ClaimRepair.class);

  /** What one round changed. */
  public record Outcome(Set<String> claimed, Set<String> released) {}

  private record Leak(long revision, int rounds) {}

  private final StoreClaims claims;
  private final String what;
  private final Predicate<String> inRange;
  private Map<String, Leak> leaks = new HashMap<>();

  /**
   * @param what the values' name in the log ("cluster IP")
   * @param inRange whether a value belongs to the range; others are not claimed
   */
  public ClaimRepair(StoreClaims claims, String what, Predicate<String> inRange) {
    this.claims = claims;
    this.what = what;
    this.inRange = inRange;
  }

  /** One round; {@code inUse} reads the values the stored Services hold. */
  public synchronized Outcome runOnce(Supplier<Set<String>> inUse) {
    Map<String, Long> held = claims.heldAt();
    Set<String> used = inUse.get();
    Set<String> claimed = new TreeSet<>();
    for (String value : used) {
      if (!held.containsKey(value) && inRange.test(value) && claims.claim(value)) {
        LOG.warn("the {} {} of a Service was not claimed; claimed it now", what, value);
        claimed.add(value);
      }
    }
    Set<String> released = new TreeSet<>();
    Map<String, Leak> next = new HashMap<>();
    held.forEach((value, revision) -> {
      if (used.contains(value)) {
        return;
      }
      Leak before = leaks.get(value);
      int rounds = before != null && before.revision() == revision ? before.rounds() + 1 : 1;
      if (rounds < ROUNDS_BEFORE_RELEASE) {
        if (rounds == 1) {
          LOG.info("the {} {} may have leaked: flagging it for later clean-up", what, value);
        }
        next.put(value, new Leak(revision, rounds));
      } else if (claims.releaseAt(value, revision)) {
        LOG.warn("the {} {} was claimed by no Service; released it", what, value);
        released.add(value);
      }
    });
    leaks = next;
    return new Outcome(claimed, released);
  }
}
