package io.capstan.node.agent;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;

/**
 * The service-link environment a container of a pod starts with ({@code FOO_SERVICE_HOST} and
 * the docker-link variables), computed from the Services known at the moment of the start.
 */
@FunctionalInterface
public interface ServiceVariables {

  /** The variables for a container of {@code pod}, by name. */
  Map<String, String> forPod(Pod pod);
}
