/**
 * Label and field selectors with Kubernetes' syntax, semantics and error messages: a port of
 * {@code k8s.io/apimachinery/pkg/labels} ({@link io.capstan.apiserver.selection.LabelSelector},
 * from the {@code labelSelector} query parameter or a {@code metav1.LabelSelector} in a spec)
 * and {@code pkg/fields} ({@link io.capstan.apiserver.selection.FieldSelector}, with its escapes
 * and the hooks the server needs to reject unsupported fields and to narrow lookups by name or
 * namespace). Parse errors surface as 400 {@code ApiException}s carrying Kubernetes' text.
 */
package io.capstan.apiserver.selection;
