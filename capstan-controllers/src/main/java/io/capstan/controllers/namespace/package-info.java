/**
 * The namespace controller: empties a namespace marked for deletion (every object of every served
 * namespaced kind), waits until the content is really gone (pods on nodes linger through their
 * grace period), and then removes the {@code kubernetes} finalizer through the
 * {@code namespaces/{name}/finalize} subresource, after which the API server deletes the namespace.
 */
package io.capstan.controllers.namespace;
