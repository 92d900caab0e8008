/**
 * Reads Kubernetes protobuf request bodies ({@code application/vnd.kubernetes.protobuf}), which
 * kubectl's typed clients send for {@code kubectl create namespace|configmap|deployment|...}, into
 * the JSON tree the rest of the API server works on. A body is the magic {@code k8s\0} and a
 * {@code runtime.Unknown} envelope whose raw bytes are the object's message from Kubernetes'
 * {@code generated.proto}; the message descriptors come from the {@code client-java-proto}
 * artifact. Protobuf alone cannot tell a Go value field written as zero from a Go pointer field
 * set to zero, so {@link io.capstan.apiserver.protobuf.GoFieldShapes} records the pointer fields
 * of the kinds accepted here; kinds without that record are refused with 415 so the client can
 * fall back to JSON rather than lose data.
 */
package io.capstan.apiserver.protobuf;
