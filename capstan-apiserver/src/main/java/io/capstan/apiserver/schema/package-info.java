/**
 * The schemas of the Kubernetes types Capstan serves, derived once per server from the fabric8
 * model classes by reflection (Jackson property names, field types) and named as Kubernetes names
 * them ({@code io.k8s.api.apps.v1.Deployment}). What the fabric8 classes lose is merged back in:
 * merge keys from {@link io.capstan.apiserver.patch.PatchMeta}, and descriptions, required fields
 * and timestamp/base64 formats from a resource file extracted from the Kubernetes 1.32 Java
 * client ({@link io.capstan.apiserver.schema.UpstreamFacts}). The same {@link
 * io.capstan.apiserver.schema.TypeSchemas} feed the OpenAPI documents and server-side field
 * validation ({@link io.capstan.apiserver.schema.FieldValidation}: unknown and duplicate fields,
 * reported with Kubernetes' paths and wording).
 */
package io.capstan.apiserver.schema;
