package io.capstan.apiserver.registry;

import tools.jackson.databind.node.ObjectNode;

/**
 * What a write produced.
 *
 * @param object the object as stored (or as it would be, for a dry run)
 * @param created whether the write created the object (201 rather than 200)
 */
public record WriteResult(ObjectNode object, boolean created) {}
