/**
 * The three patch formats of the Kubernetes API: JSON Patch (RFC 6902, as evanphx/json-patch v4
 * applies it), JSON Merge Patch (RFC 7386) and strategic merge patch (the apply half of
 * apimachinery's strategicpatch package), all on Jackson trees and never in place. {@link
 * io.capstan.apiserver.patch.Patches} is the entry point; {@link
 * io.capstan.apiserver.patch.PatchMeta} holds the per-field merge keys and strategies the fabric8
 * model lacks, and a reflective walk over the model classes finds which entry applies where.
 * Errors are Kubernetes {@code Status} errors: 400 for malformed patches, 422 for patches that
 * cannot be applied.
 */
package io.capstan.apiserver.patch;
