/**
 * The OpenAPI documents kubectl reads: {@code /openapi/v2} as Swagger 2.0 JSON and as gnostic's
 * protobuf {@code openapi.v2.Document} (kubectl 1.20 accepts nothing else; it validates manifests,
 * explains fields and computes strategic-merge patches from it), and {@code /openapi/v3}, an
 * index of one OpenAPI 3.0 document per group version (kubectl 1.32 explains fields, computes
 * apply patches and detects server-side field validation from it). {@link
 * io.capstan.apiserver.openapi.OpenApi} renders them from the served
 * {@link io.capstan.apiserver.registry.ResourceType}s and their {@link
 * io.capstan.apiserver.schema.TypeSchemas} once, on first use, and hands the HTTP layer bytes
 * with their ETags.
 */
package io.capstan.apiserver.openapi;
