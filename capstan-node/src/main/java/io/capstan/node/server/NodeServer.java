package io.capstan.node.server;

import io.capstan.node.logs.ContainerLogReader;
import io.capstan.node.logs.LogLocator;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP endpoint (kubelet's port 10250): {@code /healthz} and
 * {@code GET /containerLogs/{namespace}/{pod}/{container}} with the {@code pods/log} query.
 * Answers 404 with a short text when the container's log is unknown here and 400 on bad
 * parameters, as kubelet does; the API server turns those into Status errors.
 */
public final class NodeServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NodeServer.class);
  private static final String TEXT = "text/plain; charset=utf-8";

  private final Vertx vertx;
  private final LogLocator locator;
  private final ContainerLiveness liveness;
  private final Clock clock;
  private final ContainerLogReader reader = new ContainerLogReader();
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicInteger openLogStreams = new AtomicInteger();
  private HttpServer server;
  private int port;

  private NodeServer(Vertx vertx, LogLocator locator, ContainerLiveness liveness, Clock clock) {
    this.vertx = vertx;
    this.locator = locator;
    this.liveness = liveness;
    this.clock = clock;
  }

  /**
   * Listens with a follow that ends when the locator's current file for the container changes
   * (it restarted) or disappears (the pod is gone).
   *
   * @param port 0 for a free port
   */
  public static NodeServer start(InetAddress bind, int port, LogLocator locator)
      throws InterruptedException {
    return start(bind, port, locator, null, Clock.systemUTC());
  }

  /**
   * Listens, with the agent's knowledge of which containers run deciding when a follow ends.
   *
   * @param liveness null to judge by the locator's current file, as {@link #start(InetAddress,
   *     int, LogLocator)} does
   */
  public static NodeServer start(InetAddress bind, int port, LogLocator locator,
      ContainerLiveness liveness, Clock clock) throws InterruptedException {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    NodeServer node = new NodeServer(vertx, locator, liveness, clock);
    try {
      node.listen(bind, port);
    } catch (RuntimeException | InterruptedException e) {
      vertx.close();
      throw e;
    }
    return node;
  }

  private void listen(InetAddress bind, int requestedPort) throws InterruptedException {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(bind.getHostAddress())
        .setPort(requestedPort);
    server = vertx.createHttpServer(options).requestHandler(this::accept);
    try {
      port = server.listen().toCompletionStage().toCompletableFuture().get().actualPort();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot listen on " + bind.getHostAddress() + ":"
          + requestedPort + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** The bound port. */
  public int port() {
    return port;
  }

  /** Log responses being written right now, following or not. */
  public int openLogStreams() {
    return openLogStreams.get();
  }

  private void accept(HttpServerRequest request) {
    String path = request.path();
    if (path.equals("/healthz")) {
      request.response().putHeader("Content-Type", TEXT).end("ok");
      return;
    }
    if (!path.startsWith(ContainerLogRequest.PREFIX)) {
      request.response().setStatusCode(404).putHeader("Content-Type", TEXT)
          .end("404 page not found\n");
      return;
    }
    if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
      request.response().setStatusCode(405).putHeader("Content-Type", TEXT)
          .end("405: Method Not Allowed");
      return;
    }
    ContainerLogRequest logRequest;
    try {
      logRequest = ContainerLogRequest.parse(path,
          name -> Optional.ofNullable(request.getParam(name)), clock.instant());
    } catch (ContainerLogRequest.Rejected e) {
      request.response().setStatusCode(e.status()).putHeader("Content-Type", TEXT)
          .end(e.getMessage());
      return;
    }
    Context context = Vertx.currentContext();
    workers.execute(() -> serveLog(request, context, logRequest));
  }

  private void serveLog(HttpServerRequest request, Context context, ContainerLogRequest log) {
    ResponseOutput out = new ResponseOutput(request.response(), context, Thread.currentThread());
    Optional<Path> file = log.previous()
        ? locator.previous(log.namespace(), log.pod(), log.container())
        : locator.current(log.namespace(), log.pod(), log.container());
    if (file.isEmpty()) {
      out.fail(404, notFound(log));
      return;
    }
    openLogStreams.incrementAndGet();
    try {
      reader.read(file.get(), log.options(), out, stillRunning(log, file.get()));
    } catch (NoSuchFileException e) {
      if (!out.started()) {
        out.fail(404, notFound(log));
      }
    } catch (IOException e) {
      LOG.debug("log stream ended: namespace={} pod={} container={}: {}", log.namespace(),
          log.pod(), log.container(), e.toString());
    } catch (InterruptedException e) {
      // The client disconnected, or the server is closing.
    } finally {
      out.close();
      openLogStreams.decrementAndGet();
    }
  }

  private BooleanSupplier stillRunning(ContainerLogRequest log, Path file) {
    if (log.previous()) {
      return () -> false;
    }
    if (liveness != null) {
      return () -> liveness.isRunning(log.namespace(), log.pod(), log.container());
    }
    return () -> locator.current(log.namespace(), log.pod(), log.container())
        .map(file::equals).orElse(false);
  }

  private static String notFound(ContainerLogRequest log) {
    return log.previous()
        ? "previous terminated container \"" + log.container() + "\" in pod \"" + log.pod()
            + "\" not found"
        : "container \"" + log.container() + "\" in pod \"" + log.namespace() + "/" + log.pod()
            + "\" not found";
  }

  @Override
  public void close() {
    workers.shutdownNow();
    try {
      if (server != null) {
        server.close().toCompletionStage().toCompletableFuture().get();
      }
      vertx.close().toCompletionStage().toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.debug("closing the node server failed", e);
    }
  }
}
