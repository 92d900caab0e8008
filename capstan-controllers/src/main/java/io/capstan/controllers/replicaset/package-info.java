/**
 * The ReplicaSet controller, following {@code pkg/controller/replicaset} and {@code pkg/controller/controller_utils.go}:
 * it keeps {@code spec.replicas} active pods per ReplicaSet by claiming pods (adopting matching orphans, releasing
 * owned pods that stopped matching), creating missing pods from the template in slow-start batches and deleting
 * surplus pods in {@link io.capstan.controllers.replicaset.PodDeletionRanking} order, guarded by per-ReplicaSet
 * expectations so it never acts twice on a write its informer has not reported yet; it then writes the status
 * subresource when the counts changed. The pure parts (deletion order over a {@link
 * io.capstan.controllers.replicaset.PodView}, status arithmetic, slow start) are separate from the wiring in
 * {@link io.capstan.controllers.replicaset.ReplicaSetController#create}.
 */
package io.capstan.controllers.replicaset;
