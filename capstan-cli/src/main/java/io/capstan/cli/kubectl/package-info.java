/**
 * {@code capstan kubectl}: a kubectl-compatible subset built into the binary. It resolves the
 * kubeconfig as kubectl does, resolves resource types through the server's discovery documents,
 * asks the server for {@code meta.k8s.io/v1} Tables exactly as kubectl does, and prints them, and
 * objects as YAML or JSON, byte for byte as kubectl prints them, so that scripts written for
 * kubectl keep working with only the binary.
 */
package io.capstan.cli.kubectl;
