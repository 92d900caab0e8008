/**
 * The storage SPI of Capstan: a revisioned key/value store in etcd's model, through which the API
 * server persists every object. One global revision orders all writes and serves as the
 * compare-and-swap token, the list snapshot and the watch cursor; history below the compacted
 * revision is gone. Implementations live in sub-packages ({@code memory}, {@code sqlite}) and share
 * their building blocks through {@code support}; each must pass the conformance suite that this
 * module exports in its test jar.
 */
package io.capstan.store;
