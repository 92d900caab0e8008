package io.capstan.apiserver.registry;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * One page of a list.
 *
 * @param items the objects, each with its resourceVersion; shared trees, never to be mutated
 * @param revision the revision the page is consistent at (the list's resourceVersion)
 * @param continueToken the token for the next page, empty on the last page
 * @param remainingItemCount how many objects follow, when known without a selector
 */
public record ListPage(List<ObjectNode> items, long revision, String continueToken,
    Optional<Long> remainingItemCount) {}
