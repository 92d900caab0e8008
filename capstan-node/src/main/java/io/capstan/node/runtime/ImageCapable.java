package io.capstan.node.runtime;

/**
 * A runtime that stores images and may pull them (CRI's ImageService). The agent asks it for a
 * container's image before creating the container, with the container's {@code imagePullPolicy};
 * runtimes without images (the process runtime) run whatever the command names.
 */
public interface ImageCapable {

  /**
   * Makes the image present as {@code pullPolicy} ({@code Always}, {@code IfNotPresent} or
   * {@code Never}) asks; returns its id. A failure's reason is the kubelet's: {@code ErrImagePull}
   * or {@code ErrImageNeverPull}.
   */
  PulledImage ensureImage(String image, String pullPolicy) throws RuntimeFailure;

  /** The image's id, and whether this call pulled it (else it was already present). */
  record PulledImage(String id, boolean pulled) {}
}
