package io.capstan.runtime.containerd;

import io.capstan.node.runtime.RuntimeFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes sure containerd has its sandbox ("pause") image before the first pod needs it: when
 * containerd's {@code sandbox_image} is {@link PauseImage#NAME} and absent, Capstan builds it and
 * imports it with containerd's {@code ctr} into the CRI namespace, so no registry is involved.
 * Another configured image is containerd's business (it pulls it), and only reported.
 */
public final class SandboxImages {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxImages.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SandboxImages() {}

  /**
   * containerd's configured sandbox image, from its CRI plugin's verbose status: containerd 1.x
   * reports {@code sandbox_image} as {@code sandboxImage}, 2.x's pinned images may carry it as
   * {@code pinnedImages.sandbox}.
   */
  static Optional<String> configured(CriClient cri) throws RuntimeFailure {
    String config = cri.verboseStatus().getInfoMap().get("config");
    if (config == null) {
      return Optional.empty();
    }
    JsonNode root = JSON.readTree(config);
    for (JsonNode image : new JsonNode[] {root.path("sandboxImage"),
        root.path("pinnedImages").path("sandbox")}) {
      if (image.isString() && !image.asString().isEmpty()) {
        return Optional.of(image.asString());
      }
    }
    return Optional.empty();
  }

  /**
   * Imports Capstan's pause image if containerd is configured for it (or does not say what it is
   * configured for) and lacks it.
   */
  public static void ensure(CriClient cri, Path scratch) throws RuntimeFailure, IOException {
    Optional<String> configured = configured(cri);
    String image = configured.orElse(PauseImage.NAME);
    if (cri.imageStatus(image).isPresent()) {
      return;
    }
    if (configured.isEmpty()) {
      LOG.warn("containerd does not report its sandbox image; importing {}, which its sandbox "
          + "image setting should name (see docs/containerd.md)", PauseImage.NAME);
    } else if (!image.equals(PauseImage.NAME)) {
      LOG.warn("containerd's sandbox image {} is not present and will be pulled; set its "
          + "sandbox_image to {} to use Capstan's own (see docs/containerd.md)", image,
          PauseImage.NAME);
      return;
    }
    Files.createDirectories(scratch);
    Path tarball = scratch.resolve("pause.tar");
    PauseImage.write(tarball);
    try {
      Process ctr = new ProcessBuilder(List.of("ctr", "--address", cri.socket().toString(),
          "--namespace", "k8s.io", "images", "import", tarball.toString()))
          .redirectErrorStream(true).start();
      String output = new String(ctr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (ctr.waitFor() != 0) {
        throw new IOException("ctr images import failed: " + output.trim());
      }
      LOG.info("imported the sandbox image {}", PauseImage.NAME);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted importing the sandbox image", e);
    } finally {
      Files.deleteIfExists(tarball);
    }
  }
}
