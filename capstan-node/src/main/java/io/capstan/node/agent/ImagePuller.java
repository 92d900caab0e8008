package io.capstan.node.agent;

import io.capstan.node.runtime.ContainerRuntime;
import io.capstan.node.runtime.ImageCapable;
import io.capstan.node.runtime.RuntimeFailure;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The kubelet's image manager ({@code EnsureImageExists}): before a container is created its image
 * must be present as its {@code imagePullPolicy} asks. A failed pull shows as
 * {@code ErrImagePull} with the runtime's message; until the back-off (per pod and image,
 * doubling from the crash-loop base up to its cap) has passed, the container waits as
 * {@code ImagePullBackOff} without another pull. A runtime without images is always "present".
 */
final class ImagePuller {

  /** Ready to create the container, or waiting as {@code waiting} until {@code retryAt}. */
  record Result(boolean ready, Optional<RunState.Waiting> waiting, Optional<Instant> retryAt) {
    static final Result READY = new Result(true, Optional.empty(), Optional.empty());
  }

  private final ContainerRuntime runtime;
  private final PodEvents events;
  private final Clock clock;
  private final CrashLoopBackoff backoff;
  private final Map<String, Instant> failedAt = new HashMap<>();

  ImagePuller(ContainerRuntime runtime, PodEvents events, Clock clock, NodeAgentConfig config) {
    this.runtime = runtime;
    this.events = events;
    this.clock = clock;
    this.backoff = new CrashLoopBackoff(config.backoffBase(), config.backoffCap(),
        config.backoffReset());
  }

  Result ensure(String podUid, Pod pod, Container spec) {
    String image = spec.getImage() == null ? "" : spec.getImage();
    if (!(runtime instanceof ImageCapable images)) {
      events.pulled(pod, spec);
      return Result.READY;
    }
    String key = podUid + "/" + image;
    Instant now = clock.instant();
    Optional<Instant> lastFailure = lastFailure(key);
    if (lastFailure.isPresent() && backoff.inBackoff(key, lastFailure.get(), now)) {
      events.pullBackOff(pod, spec.getName(), image);
      return new Result(false, Optional.of(RunState.Waiting.of("ImagePullBackOff",
          "Back-off pulling image \"" + image + "\"")),
          Optional.of(backoff.restartAt(key, lastFailure.get())));
    }
    String policy = spec.getImagePullPolicy() == null ? "IfNotPresent" : spec.getImagePullPolicy();
    try {
      ImageCapable.PulledImage pulled;
      if (policy.equals("Never")) {
        pulled = images.ensureImage(image, policy);
      } else {
        // The runtime only pulls when it must; "Pulling" is announced only for a real pull.
        Optional<ImageCapable.PulledImage> present = policy.equals("Always") ? Optional.empty()
            : presentOnly(images, image);
        if (present.isPresent()) {
          pulled = present.get();
        } else {
          events.pulling(pod, spec.getName(), image);
          pulled = images.ensureImage(image, "Always");
        }
      }
      forget(key);
      if (pulled.pulled()) {
        events.pulledNow(pod, spec.getName(), image, Duration.between(now, clock.instant()));
      } else {
        events.pulled(pod, spec);
      }
      return Result.READY;
    } catch (RuntimeFailure e) {
      if (e.reason().equals("ErrImageNeverPull")) {
        events.neverPull(pod, spec.getName(), e.getMessage());
        events.failed(pod, spec.getName(), e.reason());
        return new Result(false, Optional.of(RunState.Waiting.of(e.reason(), e.getMessage())),
            Optional.empty());
      }
      Instant failed = clock.instant();
      events.pullFailed(pod, spec.getName(), e.getMessage());
      events.failed(pod, spec.getName(), "ErrImagePull");
      synchronized (failedAt) {
        failedAt.put(key, failed);
      }
      backoff.next(key, failed);
      return new Result(false, Optional.of(RunState.Waiting.of("ErrImagePull", e.getMessage())),
          Optional.of(backoff.restartAt(key, failed)));
    }
  }

  /** Forgets the back-offs of a pod that is gone. */
  void forgetPod(String podUid) {
    backoff.forget(podUid + "/");
    synchronized (failedAt) {
      failedAt.keySet().removeIf(key -> key.startsWith(podUid + "/"));
    }
  }

  private static Optional<ImageCapable.PulledImage> presentOnly(ImageCapable images, String image) {
    try {
      return Optional.of(images.ensureImage(image, "Never"));
    } catch (RuntimeFailure absent) {
      return Optional.empty();
    }
  }

  private Optional<Instant> lastFailure(String key) {
    synchronized (failedAt) {
      return Optional.ofNullable(failedAt.get(key));
    }
  }

  private void forget(String key) {
    synchronized (failedAt) {
      failedAt.remove(key);
    }
  }
}
