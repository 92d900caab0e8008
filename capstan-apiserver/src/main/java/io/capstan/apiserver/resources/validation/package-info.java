/**
 * The building blocks of Kubernetes validation, with upstream's exact explanation texts: name and
 * key formats, label and selector rules, object-metadata rules, IP and CIDR syntax, resource
 * quantities and base64 values.
 */
package io.capstan.apiserver.resources.validation;
