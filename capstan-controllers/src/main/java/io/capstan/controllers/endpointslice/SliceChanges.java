package io.capstan.controllers.endpointslice;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.List;

/** The writes one sync plans: slices to create (generateName set), to update (in place) and to delete. */
public record SliceChanges(List<EndpointSlice> toCreate, List<EndpointSlice> toUpdate, List<EndpointSlice> toDelete) {

  public static SliceChanges empty() {
    return new SliceChanges(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
  }

  public void addAll(SliceChanges other) {
    toCreate.addAll(other.toCreate);
    toUpdate.addAll(other.toUpdate);
    toDelete.addAll(other.toDelete);
  }

  public boolean isEmpty() {
    return toCreate.isEmpty() && toUpdate.isEmpty() && toDelete.isEmpty();
  }

  /**
   * Turns creates into updates of slices that would otherwise be deleted (same address type, and, for the caller's
   * ownership test, owned by the same object), saving a delete and a create: {@code finalize}'s recycling.
   */
  public SliceChanges recycled(java.util.function.Predicate<EndpointSlice> reusable) {
    List<EndpointSlice> create = new ArrayList<>(toCreate);
    List<EndpointSlice> update = new ArrayList<>(toUpdate);
    List<EndpointSlice> delete = new ArrayList<>(toDelete);
    for (int i = 0; i < delete.size() && !create.isEmpty(); ) {
      EndpointSlice old = delete.get(i);
      EndpointSlice fresh = create.getLast();
      if (old.getAddressType().equals(fresh.getAddressType()) && reusable.test(old)) {
        fresh.getMetadata().setName(old.getMetadata().getName());
        fresh.getMetadata().setGenerateName(null);
        fresh.getMetadata().setResourceVersion(old.getMetadata().getResourceVersion());
        create.removeLast();
        update.add(fresh);
        delete.remove(i);
      } else {
        i++;
      }
    }
    return new SliceChanges(create, update, delete);
  }
}
