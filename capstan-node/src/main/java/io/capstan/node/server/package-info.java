/**
 * The node's own HTTP endpoint, what kubelet serves on port 10250: {@code /healthz} and
 * {@code /containerLogs/{namespace}/{pod}/{container}}, which the API server's {@code pods/log}
 * subresource proxies to. It runs on Vert.x; each log request is read on a virtual thread that
 * writes chunks with back-pressure and is interrupted when the client disconnects.
 */
package io.capstan.node.server;
