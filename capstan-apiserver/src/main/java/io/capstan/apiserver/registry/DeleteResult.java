package io.capstan.apiserver.registry;

import tools.jackson.databind.node.ObjectNode;

/**
 * What a delete did.
 *
 * @param object the object: its final state if it was removed, or its state marked for deletion
 * @param removed true if the object is gone; false if it waits for finalizers or a grace period
 */
public record DeleteResult(ObjectNode object, boolean removed) {}
