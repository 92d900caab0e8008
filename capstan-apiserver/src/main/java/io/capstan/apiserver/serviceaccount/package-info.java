/**
 * Service-account tokens as Kubernetes issues them: an ECDSA P-256 signing key kept with the
 * server's certificates ({@link io.capstan.apiserver.serviceaccount.ServiceAccountKeys}), bound
 * JWTs minted by the {@code serviceaccounts/token} subresource
 * ({@link io.capstan.apiserver.serviceaccount.TokenRequests}) and checked on every request by
 * {@link io.capstan.apiserver.serviceaccount.ServiceAccountTokenAuthenticator}, the
 * ServiceAccount admission step that mounts a {@code kube-api-access-*} projected volume into new
 * pods, and the publisher of the {@code kube-root-ca.crt} ConfigMap those volumes read.
 * {@link io.capstan.apiserver.serviceaccount.ServiceAccounts} wires them for a server that runs
 * with security; without it none of this exists and pods are left as they are.
 */
package io.capstan.apiserver.serviceaccount;
