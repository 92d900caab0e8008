package io.capstan.apiserver.auth;

/**
 * An authorizer's answer, as in Kubernetes: allow, deny, or no opinion (leave it to the next
 * authorizer). The reason is appended to the 403 message, so it must not leak secrets.
 */
public record Decision(Verdict verdict, String reason) {

  public enum Verdict { ALLOW, DENY, NO_OPINION }

  public static Decision allow(String reason) {
    return new Decision(Verdict.ALLOW, reason);
  }

  public static Decision deny(String reason) {
    return new Decision(Verdict.DENY, reason);
  }

  public static Decision noOpinion() {
    return new Decision(Verdict.NO_OPINION, "");
  }

  public boolean allowed() {
    return verdict == Verdict.ALLOW;
  }
}
