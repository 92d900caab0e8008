package io.capstan.apiserver.registry;

import tools.jackson.databind.node.ObjectNode;

/**
 * Side effects a resource has outside its own object, run by the {@link GenericRegistry} around
 * the store write, as Kubernetes' {@code BeginCreate}/{@code BeginUpdate}/{@code AfterDelete}
 * hooks: Services reserve cluster IPs and node ports before they are written and give them back
 * when they are gone. A hook that fails throws an {@code ApiException}.
 */
public interface StorageHooks {

  /** No side effects: the hooks of most resources. */
  StorageHooks NONE = new StorageHooks() {};

  /**
   * Runs after a new object is validated and before it is written; may fill fields (an allocated
   * address). The result is committed if the write succeeds and reverted otherwise.
   */
  default Transaction beginCreate(ObjectNode object, boolean dryRun) {
    return Transaction.NONE;
  }

  /** As {@link #beginCreate}, for an update of {@code old} into {@code object}. */
  default Transaction beginUpdate(ObjectNode object, ObjectNode old, boolean dryRun) {
    return Transaction.NONE;
  }

  /** Runs once the object is really gone from the store (after its finalizers). */
  default void afterDelete(ObjectNode deleted) {}

  /** What a begin hook reserved: kept by {@link #commit}, given back by {@link #revert}. */
  interface Transaction {

    Transaction NONE = new Transaction() {
      @Override
      public void commit() {}

      @Override
      public void revert() {}
    };

    void commit();

    void revert();
  }
}
