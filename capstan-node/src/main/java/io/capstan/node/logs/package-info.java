/**
 * Container logs on the node: files in CRI's log format
 * ({@code <RFC3339Nano time> <stdout|stderr> <F|P> <text>}), one per container start
 * ({@code <logDirectory>/<container>/<restartCount>.log}, rotated by size into
 * {@code <file>.<yyyyMMdd-HHmmss.SSS>} siblings), read back with the options of the
 * {@code pods/log} subresource: follow, tailLines, sinceSeconds/sinceTime, timestamps, limitBytes,
 * previous.
 */
package io.capstan.node.logs;
