package io.capstan.apiserver.allocation;

/** A value could not be reserved; the message is Kubernetes' allocator error text. */
public final class AllocationException extends RuntimeException {

  /** The range has nothing left ({@code ErrFull}), as opposed to a bad or taken request. */
  private final boolean full;

  AllocationException(String message, boolean full) {
    super(message, null, false, false);
    this.full = full;
  }

  public boolean full() {
    return full;
  }
}
