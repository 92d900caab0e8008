package io.capstan.node.probe;

/** Which of a container's probes; each has its own worker. */
public enum ProbeType {
  READINESS,
  LIVENESS,
  STARTUP
}
