/**
 * The {@code pods/log} subresource's decisions, kept apart from the HTTP proxying: the query as
 * a {@code PodLogOptions} with upstream's validation, the container a request means
 * ({@code validateContainer} of {@code pkg/registry/core/pod/strategy.go}), whether that
 * container has a log yet (kubelet's {@code validateContainerLogStatus}, answered here from the
 * pod's status), and the node endpoint the request is proxied to.
 */
package io.capstan.apiserver.resources.podlog;
