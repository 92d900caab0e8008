/**
 * What every Capstan node reports the way the kubelet does, whether it runs pods (the agent) or
 * simulates them: the Node's conditions, timestamps at the API's one-second resolution, and Go's
 * quoting, which kubelet messages and downward-API files are written in.
 */
package io.capstan.node.kubelet;
