package io.capstan.controller.runtime;

/** The two event types Kubernetes knows, as written in {@code Event.type}. */
public enum EventType {
  NORMAL("Normal"),
  WARNING("Warning");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
