/**
 * The {@code process} container runtime, Capstan's embedded default: pods run as plain local
 * processes on Linux, with no container engine and no images. {@link
 * io.capstan.node.runtime.process.ProcessRuntime} runs each container's command in a session of
 * its own (so a stop reaches everything it forked), in a private mount namespace made with
 * util-linux's {@code unshare} when it has volume mounts, and writes its output to CRI log files
 * rotated by size. Sandboxes and containers are small JSON records under a state directory, so a
 * restarted agent finds what it ran before: lost processes read as exited with an unknown code,
 * surviving ones as running until the agent stops them. Exec runs beside the container's process,
 * inside its mount namespace through {@code nsenter}.
 */
package io.capstan.node.runtime.process;
