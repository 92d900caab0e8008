package io.capstan.node.runtime;

/** What CRI's Version call answers: e.g. {@code process} / {@code 0.1.0}. */
public record RuntimeVersion(String runtimeName, String runtimeVersion) {

  /** The Node's {@code status.nodeInfo.containerRuntimeVersion}, e.g. {@code process://0.1.0}. */
  public String nodeInfo() {
    return runtimeName + "://" + runtimeVersion;
  }
}
