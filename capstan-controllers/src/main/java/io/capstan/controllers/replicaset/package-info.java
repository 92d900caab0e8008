/**
 * Pure logic of the ReplicaSet controller, following {@code pkg/controller/replicaset} and
 * {@code pkg/controller/controller_utils.go}: above all the order in which surplus pods are deleted
 * ({@code ActivePodsWithRanks.Less}), expressed as a comparator over a small immutable view of a pod so that each rule
 * can be tested on its own and the controller never has to reason about raw pod objects while choosing victims.
 */
package io.capstan.controllers.replicaset;
