package io.capstan.apiserver.auth;

/**
 * The coordinates of a resource request as the router parses them: empty strings where a part is
 * absent ({@code group} is empty for the core group, {@code namespace} for cluster-scoped
 * resources and all-namespace lists).
 *
 * @param watchPath the request used the legacy {@code /watch/} path segment
 */
public record ResourcePath(String group, String namespace, String resource, String name,
    String subresource, boolean watchPath) {
}
