package io.capstan.runtime.containerd;

import io.capstan.node.runtime.RuntimeFailure;
import io.capstan.runtime.containerd.cri.ContainerConfig;
import io.capstan.runtime.containerd.cri.ContainerFilter;
import io.capstan.runtime.containerd.cri.ContainerStatus;
import io.capstan.runtime.containerd.cri.ContainerStatusRequest;
import io.capstan.runtime.containerd.cri.CreateContainerRequest;
import io.capstan.runtime.containerd.cri.ExecSyncRequest;
import io.capstan.runtime.containerd.cri.ExecSyncResponse;
import io.capstan.runtime.containerd.cri.Image;
import io.capstan.runtime.containerd.cri.ImageServiceGrpc;
import io.capstan.runtime.containerd.cri.ImageSpec;
import io.capstan.runtime.containerd.cri.ImageStatusRequest;
import io.capstan.runtime.containerd.cri.ListContainersRequest;
import io.capstan.runtime.containerd.cri.ListImagesRequest;
import io.capstan.runtime.containerd.cri.ListPodSandboxRequest;
import io.capstan.runtime.containerd.cri.PodSandbox;
import io.capstan.runtime.containerd.cri.PodSandboxConfig;
import io.capstan.runtime.containerd.cri.PodSandboxFilter;
import io.capstan.runtime.containerd.cri.PodSandboxStatus;
import io.capstan.runtime.containerd.cri.PodSandboxStatusRequest;
import io.capstan.runtime.containerd.cri.PullImageRequest;
import io.capstan.runtime.containerd.cri.RemoveContainerRequest;
import io.capstan.runtime.containerd.cri.RemovePodSandboxRequest;
import io.capstan.runtime.containerd.cri.RunPodSandboxRequest;
import io.capstan.runtime.containerd.cri.RuntimeServiceGrpc;
import io.capstan.runtime.containerd.cri.StartContainerRequest;
import io.capstan.runtime.containerd.cri.StatusRequest;
import io.capstan.runtime.containerd.cri.StatusResponse;
import io.capstan.runtime.containerd.cri.StopContainerRequest;
import io.capstan.runtime.containerd.cri.StopPodSandboxRequest;
import io.capstan.runtime.containerd.cri.VersionRequest;
import io.capstan.runtime.containerd.cri.VersionResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A typed client of a CRI runtime ({@code runtime.v1}) on a unix socket. Every call carries a
 * deadline, so a hung runtime shows up as a failure instead of a stuck agent thread; gRPC errors
 * become {@link RuntimeFailure}s with the reason the caller names, and "not found" is an empty
 * result where CRI's answer for a missing object is an error.
 */
public final class CriClient implements AutoCloseable {

  /** Long enough for containerd to create a sandbox (network setup included) on a busy node. */
  static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(2);

  /** Image pulls can take minutes on a slow registry; kubelet's default is no deadline at all. */
  private static final Duration PULL_DEADLINE = Duration.ofMinutes(15);

  private final Path socket;
  private final EpollEventLoopGroup eventLoop;
  private final ManagedChannel channel;
  private final Duration deadline;

  private CriClient(Path socket, Duration deadline) {
    this.socket = socket;
    this.deadline = deadline;
    this.eventLoop = new EpollEventLoopGroup(1);
    this.channel =
        NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
            .channelType(EpollDomainSocketChannel.class)
            .eventLoopGroup(eventLoop)
            .usePlaintext()
            // containerd answers list calls for thousands of containers in one message.
            .maxInboundMessageSize(64 * 1024 * 1024)
            .build();
  }

  /** A client of the CRI endpoint at {@code socket}; it connects lazily, on the first call. */
  public static CriClient connect(Path socket) {
    return new CriClient(socket, DEFAULT_DEADLINE);
  }

  public static CriClient connect(Path socket, Duration deadline) {
    return new CriClient(socket, deadline);
  }

  public Path socket() {
    return socket;
  }

  // ---- runtime service

  public VersionResponse version() throws RuntimeFailure {
    return call("RuntimeError", "Version",
        () -> runtime().version(VersionRequest.newBuilder().setVersion("v1").build()));
  }

  public StatusResponse status() throws RuntimeFailure {
    return call("RuntimeError", "Status", () -> runtime().status(StatusRequest.getDefaultInstance()));
  }

  /** The status with the runtime's own details ({@code info}: containerd's CRI config). */
  public StatusResponse verboseStatus() throws RuntimeFailure {
    return call("RuntimeError", "Status",
        () -> runtime().status(StatusRequest.newBuilder().setVerbose(true).build()));
  }

  public String runPodSandbox(PodSandboxConfig config) throws RuntimeFailure {
    return call("CreatePodSandboxError", "RunPodSandbox",
        () -> runtime().runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(config).build()))
        .getPodSandboxId();
  }

  /** Idempotent, as CRI requires: a sandbox that is gone counts as stopped. */
  public void stopPodSandbox(String id) throws RuntimeFailure {
    ignoringNotFound("KillPodSandboxError", "StopPodSandbox",
        () -> runtime().stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(id).build()));
  }

  public void removePodSandbox(String id) throws RuntimeFailure {
    ignoringNotFound("KillPodSandboxError", "RemovePodSandbox",
        () -> runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(id).build()));
  }

  public Optional<PodSandboxStatus> podSandboxStatus(String id) throws RuntimeFailure {
    return Optional.ofNullable(ignoringNotFound("RuntimeError", "PodSandboxStatus",
        () -> runtime().podSandboxStatus(PodSandboxStatusRequest.newBuilder().setPodSandboxId(id).build())))
        .map(r -> r.getStatus());
  }

  public List<PodSandbox> listPodSandbox(Map<String, String> labelSelector) throws RuntimeFailure {
    var filter = PodSandboxFilter.newBuilder().putAllLabelSelector(labelSelector).build();
    return call("RuntimeError", "ListPodSandbox",
        () -> runtime().listPodSandbox(ListPodSandboxRequest.newBuilder().setFilter(filter).build()))
        .getItemsList();
  }

  public String createContainer(String sandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig)
      throws RuntimeFailure {
    var request = CreateContainerRequest.newBuilder()
        .setPodSandboxId(sandboxId).setConfig(config).setSandboxConfig(sandboxConfig).build();
    return call("CreateContainerError", "CreateContainer", () -> runtime().createContainer(request))
        .getContainerId();
  }

  public void startContainer(String id) throws RuntimeFailure {
    call("RunContainerError", "StartContainer",
        () -> runtime().startContainer(StartContainerRequest.newBuilder().setContainerId(id).build()));
  }

  /** Idempotent; waits at most the grace period plus the client's deadline. */
  public void stopContainer(String id, long timeoutSeconds) throws RuntimeFailure {
    var request = StopContainerRequest.newBuilder().setContainerId(id).setTimeout(timeoutSeconds).build();
    ignoringNotFound("StopContainerError", "StopContainer",
        () -> runtime(Duration.ofSeconds(timeoutSeconds)).stopContainer(request));
  }

  public void removeContainer(String id) throws RuntimeFailure {
    ignoringNotFound("RemoveContainerError", "RemoveContainer",
        () -> runtime().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(id).build()));
  }

  public Optional<ContainerStatus> containerStatus(String id) throws RuntimeFailure {
    return Optional.ofNullable(ignoringNotFound("RuntimeError", "ContainerStatus",
        () -> runtime().containerStatus(ContainerStatusRequest.newBuilder().setContainerId(id).build())))
        .map(r -> r.getStatus());
  }

  public List<io.capstan.runtime.containerd.cri.Container> listContainers(Map<String, String> labelSelector)
      throws RuntimeFailure {
    var filter = ContainerFilter.newBuilder().putAllLabelSelector(labelSelector).build();
    return call("RuntimeError", "ListContainers",
        () -> runtime().listContainers(ListContainersRequest.newBuilder().setFilter(filter).build()))
        .getContainersList();
  }

  /**
   * Runs {@code cmd} in the container; CRI's timeout is whole seconds, so {@code timeoutSeconds}
   * is the caller's timeout rounded up. The runtime kills the command at its timeout and answers
   * with an error, which is thrown like any other.
   */
  public ExecSyncResponse execSync(String id, List<String> cmd, long timeoutSeconds) throws RuntimeFailure {
    var request = ExecSyncRequest.newBuilder()
        .setContainerId(id).addAllCmd(cmd).setTimeout(timeoutSeconds).build();
    return call("ExecError", "ExecSync", () -> runtime(Duration.ofSeconds(timeoutSeconds)).execSync(request));
  }

  // ---- image service

  public List<Image> listImages() throws RuntimeFailure {
    return call("ImageError", "ListImages",
        () -> images(Duration.ZERO).listImages(ListImagesRequest.getDefaultInstance())).getImagesList();
  }

  /** The image as the runtime knows it, or empty when it is not on the node. */
  public Optional<Image> imageStatus(String ref) throws RuntimeFailure {
    var response = call("ImageInspectError", "ImageStatus", () -> images(Duration.ZERO).imageStatus(
        ImageStatusRequest.newBuilder().setImage(ImageSpec.newBuilder().setImage(ref)).build()));
    return response.hasImage() ? Optional.of(response.getImage()) : Optional.empty();
  }

  /** Pulls {@code ref}; returns the image's id (CRI's image_ref). */
  public String pullImage(String ref) throws RuntimeFailure {
    var request = PullImageRequest.newBuilder().setImage(ImageSpec.newBuilder().setImage(ref)).build();
    return call("ErrImagePull", "PullImage",
        () -> images(PULL_DEADLINE.minus(deadline)).pullImage(request)).getImageRef();
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  // ---- plumbing

  private RuntimeServiceGrpc.RuntimeServiceBlockingStub runtime() {
    return runtime(Duration.ZERO);
  }

  /** A stub whose deadline also covers {@code extra}: the time the call itself is asked to wait. */
  private RuntimeServiceGrpc.RuntimeServiceBlockingStub runtime(Duration extra) {
    return RuntimeServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(deadline.plus(extra).toMillis(), TimeUnit.MILLISECONDS);
  }

  private ImageServiceGrpc.ImageServiceBlockingStub images(Duration extra) {
    return ImageServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(deadline.plus(extra).toMillis(), TimeUnit.MILLISECONDS);
  }

  @FunctionalInterface
  private interface Call<T> {
    T run();
  }

  private <T> T call(String reason, String method, Call<T> call) throws RuntimeFailure {
    try {
      return call.run();
    } catch (StatusRuntimeException e) {
      throw failure(reason, method, e);
    }
  }

  private <T> T ignoringNotFound(String reason, String method, Call<T> call) throws RuntimeFailure {
    try {
      return call.run();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return null;
      }
      throw failure(reason, method, e);
    }
  }

  private RuntimeFailure failure(String reason, String method, StatusRuntimeException e) {
    Status status = e.getStatus();
    String detail = status.getDescription() == null ? status.getCode().toString() : status.getDescription();
    if (status.getCode() == Status.Code.UNAVAILABLE) {
      detail = "container runtime at " + socket + " is unavailable: " + detail;
    }
    return new CriCallFailure(reason, method + ": " + detail, status.getCode(), e);
  }

  /** A failed CRI call, keeping the gRPC status code for callers that tell cases apart. */
  public static final class CriCallFailure extends RuntimeFailure {
    private final Status.Code code;

    CriCallFailure(String reason, String message, Status.Code code, Throwable cause) {
      super(reason, message, cause);
      this.code = code;
    }

    public Status.Code code() {
      return code;
    }
  }
}
