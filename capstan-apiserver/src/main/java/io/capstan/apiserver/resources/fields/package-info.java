/**
 * Small tools for working on objects as JSON trees: Kubernetes-style field paths for error
 * messages, lenient typed reads that follow Go's zero-value conventions, semantic equality (absent
 * equals zero, numbers by value) and access to {@code metadata}. Strategies work on trees rather
 * than typed models so that fields Capstan does not model survive every write.
 */
package io.capstan.apiserver.resources.fields;
