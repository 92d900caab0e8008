/**
 * The pod scheduler. Following Nomad, placement is pure logic over an immutable {@link
 * io.capstan.scheduler.SchedulingSnapshot} (nodes plus the aggregates of the pods already bound or assumed on them,
 * kept up to date from pod events by {@link io.capstan.scheduler.SchedulerCache}, so a decision costs O(nodes)): {@link
 * io.capstan.scheduler.Filters} drop nodes a pod cannot run on, each with an upstream-worded reason, {@link
 * io.capstan.scheduler.Scores} rank the rest and {@link io.capstan.scheduler.Placement} picks one, ties broken by
 * node name so decisions are deterministic. Side effects leave through one narrow port, {@link
 * io.capstan.scheduler.BindingPort}: bind a pod through {@code pods/binding}, or report it unschedulable on its
 * status and as a {@code FailedScheduling} event. {@link io.capstan.scheduler.PodScheduler} wires informers on pods
 * and nodes to a controller that does this for every unbound pod of {@code default-scheduler}.
 */
package io.capstan.scheduler;
