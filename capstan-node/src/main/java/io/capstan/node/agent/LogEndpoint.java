package io.capstan.node.agent;

import io.capstan.node.logs.LogLocator;

/**
 * The node's HTTP endpoint (the kubelet's port: {@code /containerLogs/...}), as the agent sees it:
 * something that listens and reports its port for the Node's {@code daemonEndpoints}.
 */
public interface LogEndpoint extends AutoCloseable {

  int port();

  @Override
  void close();

  /** Starts the endpoint on {@code host}:{@code port} (0: any free port) over the agent's logs. */
  @FunctionalInterface
  interface Factory {
    LogEndpoint start(LogLocator locator, String host, int port) throws Exception;
  }
}
