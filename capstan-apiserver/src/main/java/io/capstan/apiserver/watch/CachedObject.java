package io.capstan.apiserver.watch;

import tools.jackson.databind.node.ObjectNode;

/**
 * An object as the cache holds it: decoded once, with {@code metadata.resourceVersion} set. The tree
 * is shared by every reader and must never be mutated; copy it ({@code deepCopy()}) to change it.
 */
public record CachedObject(String key, ObjectNode object, long revision) {}
