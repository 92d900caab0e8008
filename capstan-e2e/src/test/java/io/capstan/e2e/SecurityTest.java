package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.apiserver.tls.CertificateAuthority;
import io.capstan.apiserver.tls.CertificateRequests;
import io.capstan.e2e.ApiRequests.Answer;
import io.capstan.e2e.ApiRequests.Credential;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who gets in: the real {@code capstan server} serves only HTTPS; requests without a credential,
 * or with a wrong one, get 401; a node's credential reaches only its own pods and what they
 * reference; the admin reaches everything; credentials on disk are private; and clients that
 * misbehave at the TLS or HTTP level do not stop the server serving everyone else.
 */
@Execution(ExecutionMode.CONCURRENT)
class SecurityTest {

  private static final String NODE = "sec";
  private static final String INTRUDER = """
      {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "intruder"},
       "spec": {"selector": {"matchLabels": {"app": "x"}},
                "template": {"metadata": {"labels": {"app": "x"}},
                             "spec": {"containers": [{"name": "x", "image": "x"}]}}}}
      """;

  @TempDir
  static Path dataDir;

  private static Cluster cluster;
  private static ApiRequests api;
  private static Credential admin;

  @BeforeAll
  static void start() throws Exception {
    Busybox.path();
    cluster = Cluster.start(dataDir, "sec", "--node-name", NODE, "--pod-cidr", "127.44.0.0/16",
        "--service-cidr", "127.106.0.0/16");
    api = ApiRequests.of(cluster.capstan());
    admin = Credential.token("admin token",
        Files.readString(dataDir.resolve("admin-token")).trim());
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  static Stream<Credential> rejectedCredentials() throws Exception {
    CertificateAuthority ours = CertificateAuthority.loadOrCreate(dataDir.resolve("tls"),
        Clock.systemUTC());
    Path elsewhere = Files.createTempDirectory(dataDir, "foreign-ca");
    CertificateAuthority foreign = CertificateAuthority.loadOrCreate(elsewhere, Clock.systemUTC());
    return Stream.of(
        Credential.none(),
        Credential.token("unknown token", "0123456789abcdef0123456789abcdef"),
        Credential.header("basic credentials", "Basic YWRtaW46YWRtaW4="),
        Credential.certificate("certificate from another CA",
            foreign.issueClient("admin", List.of("system:masters"))),
        Credential.certificate("expired certificate from our CA",
            ours.issueClient("admin", List.of("system:masters"), Duration.ofMinutes(-30))),
        Credential.certificate("serving certificate used as a client certificate",
            ours.issueServing(io.capstan.apiserver.tls.SubjectAltNames.parse(
                List.of("localhost")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedCredentials")
  void requestsWithoutAGoodCredentialGet401(Credential credential) throws Exception {
    for (String path : List.of("/api/v1/namespaces", "/apis", "/api/v1/namespaces/default/pods",
        "/openapi/v2")) {
      Answer answer = api.get(path, credential);
      assertThat(answer.status()).as(path).isEqualTo(401);
      assertThat(answer.body()).as(path).contains("\"reason\":\"Unauthorized\"")
          .contains("\"kind\":\"Status\"");
    }
  }

  @Test
  void healthAndVersionAreOpenToEveryone() throws Exception {
    for (String path : List.of("/healthz", "/livez", "/readyz", "/version")) {
      assertThat(api.get(path, Credential.none()).status()).as(path).isEqualTo(200);
    }
  }

  @Test
  void plainHttpToTheHttpsPortIsRefused() throws Exception {
    URI uri = URI.create(cluster.capstan().url());
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET /version HTTP/1.1\r\nHost: " + uri.getHost()
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] answer = socket.getInputStream().readNBytes(64);
      assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1");
    }
  }

  @Test
  void kubectlFabric8AndHttp2WorkWithTheGeneratedKubeconfig() throws Exception {
    Answer answer = api.get("/api/v1/namespaces", admin);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.version()).isEqualTo(HttpClient.Version.HTTP_2);
    for (Kubectl kubectl : Kubectl.allClients(cluster.capstan().kubeconfig())) {
      assertThat(kubectl.run("get", "namespace", "kube-system", "-o", "name").out())
          .as(kubectl.name()).isEqualTo("namespace/kube-system\n");
    }
    assertThat(cluster.client().namespaces().withName("default").get()).isNotNull();
  }

  @Test
  void aNodeReachesOnlyItsOwnPodsAndWhatTheyReference() throws Exception {
    KubernetesClient client = cluster.client();
    String ns = cluster.namespace(cluster.kubectl());
    cluster.kubectl().okWithInput("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: referenced}
        data: {greeting: hello}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: unrelated}
        stringData: {password: hunter2}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: own}
        spec:
          terminationGracePeriodSeconds: 0
          containers:
          - name: app
            image: busybox
            command: ["%s", "sleep", "3600"]
            env:
            - name: GREETING
              valueFrom: {configMapKeyRef: {name: referenced, key: greeting}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: elsewhere}
        spec:
          nodeName: ghost
          containers:
          - {name: app, image: busybox}
        """.formatted(Busybox.path()), "apply", "-n", ns, "-f", "-");
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      Pod pod = client.pods().inNamespace(ns).withName("own").get();
      return pod != null && "Running".equals(pod.getStatus().getPhase());
    });
    Credential node = Credential.stored("node", dataDir.resolve("node"), "kubelet");
    String pods = "/api/v1/namespaces/" + ns + "/pods";
    for (String[] step : new String[][] {
        {"GET", pods + "/own", "200"},
        {"GET", "/api/v1/pods?fieldSelector=spec.nodeName%3D" + NODE, "200"},
        {"GET", "/api/v1/namespaces/" + ns + "/configmaps/referenced", "200"},
        {"GET", "/api/v1/nodes/" + NODE, "200"},
        {"GET", pods + "/elsewhere", "403"},
        {"GET", "/api/v1/pods", "403"},
        {"GET", pods, "403"},
        {"GET", "/api/v1/namespaces/" + ns + "/secrets/unrelated", "403"},
        {"GET", "/api/v1/secrets", "403"},
        {"GET", "/api/v1/nodes/ghost", "403"},
        {"POST", "/apis/apps/v1/namespaces/" + ns + "/deployments", "403"},
        {"DELETE", pods + "/elsewhere", "403"}}) {
      String body = step[0].equals("POST") ? INTRUDER : null;
      Answer answer = api.send(step[0], step[1], body, node);
      assertThat(answer.status()).as(step[0] + " " + step[1] + ": " + answer.body())
          .isEqualTo(Integer.parseInt(step[2]));
    }
    assertThat(api.get(pods + "/elsewhere", node).body()).contains("pods \\\"elsewhere\\\" is "
        + "forbidden: User \\\"system:node:" + NODE + "\\\" cannot get resource \\\"pods\\\" in API"
        + " group \\\"\\\" in the namespace \\\"" + ns + "\\\"");
    for (String path : List.of(pods + "/elsewhere", "/api/v1/secrets",
        "/api/v1/namespaces/" + ns + "/secrets/unrelated")) {
      assertThat(api.get(path, admin).status()).as("admin: " + path).isEqualTo(200);
    }
    Credential proxy = Credential.stored("proxy", dataDir.resolve("node"), "proxy");
    assertThat(api.get("/api/v1/pods", proxy).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/secrets", proxy).status()).isEqualTo(403);
  }

  @Test
  void theServersOwnComponentsAreNeverRefused() throws Exception {
    String ns = cluster.namespace(cluster.kubectl());
    // A crash-looping pod makes the node record repeated events (created, then patched), update
    // statuses and re-read what the pod references; the proxy and controllers work throughout.
    cluster.kubectl().okWithInput("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings}
        data: {mode: crash}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: crasher}
        spec:
          terminationGracePeriodSeconds: 0
          containers:
          - name: app
            image: busybox
            command: ["%s", "sh", "-c", "exit 1"]
            envFrom: [{configMapRef: {name: settings}}]
        """.formatted(Busybox.path()), "apply", "-n", ns, "-f", "-");
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      Pod pod = cluster.client().pods().inNamespace(ns).withName("crasher").get();
      return pod.getStatus().getContainerStatuses() != null
          && !pod.getStatus().getContainerStatuses().isEmpty()
          && pod.getStatus().getContainerStatuses().getFirst().getRestartCount() >= 2;
    });
    assertThat(cluster.log()).doesNotContain("forbidden").doesNotContain("Unauthorized");
  }

  @Test
  void aPodsServiceAccountTokenReadsButCannotWrite() throws Exception {
    String ns = cluster.namespace(cluster.kubectl());
    cluster.kubectl().okWithInput("""
        apiVersion: v1
        kind: Pod
        metadata: {name: reader}
        spec:
          terminationGracePeriodSeconds: 0
          containers:
          - name: app
            image: busybox
            command: ["%1$s", "sh", "-c", "cat /var/run/secrets/kubernetes.io/serviceaccount/token; \
              echo; cat /var/run/secrets/kubernetes.io/serviceaccount/namespace; echo; \
              exec %1$s sleep 3600"]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: opted-out}
        spec:
          automountServiceAccountToken: false
          containers:
          - {name: app, image: busybox, command: ["%1$s", "sleep", "3600"]}
        """.formatted(Busybox.path()), "apply", "-n", ns, "-f", "-");
    String[] lines = await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(
        () -> cluster.kubectl().run("logs", "-n", ns, "reader").out().split("\n"),
        out -> out.length >= 2);
    assertThat(lines[1]).isEqualTo(ns);
    Credential pod = Credential.token("service account token", lines[0]);
    assertThat(api.get("/api/v1/namespaces/" + ns + "/pods", pod).status()).isEqualTo(200);
    Answer write = api.send("POST", "/api/v1/namespaces/" + ns + "/configmaps",
        "{\"metadata\": {\"name\": \"x\"}}", pod);
    assertThat(write.status()).isEqualTo(403);
    assertThat(write.body()).contains("User \\\"system:serviceaccount:" + ns
        + ":default\\\" cannot create resource \\\"configmaps\\\"");
    Pod optedOut = cluster.client().pods().inNamespace(ns).withName("opted-out").get();
    assertThat(optedOut.getSpec().getVolumes()).isEmpty();
    cluster.kubectl().ok("delete", "pod", "reader", "-n", ns, "--wait=true");
    await().atMost(Duration.ofSeconds(30)).until(
        () -> api.get("/api/v1/namespaces/" + ns + "/pods", pod).status() == 401);
  }

  @Test
  void mutatingRequestsAreAuditedWithoutSecrets() throws Exception {
    String ns = cluster.namespace(cluster.kubectl());
    cluster.kubectl().ok("create", "configmap", "audited", "-n", ns, "--from-literal=k=v");
    Credential node = Credential.stored("node", dataDir.resolve("node"), "kubelet");
    api.send("POST", "/api/v1/namespaces/" + ns + "/configmaps", "{\"metadata\": {}}", node);
    Path audit = dataDir.resolve("audit.log");
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(audit)
        .contains("\"namespace\":\"" + ns + "\",\"name\":\"audited\""));
    List<String> lines = Files.readAllLines(audit).stream().filter(l -> l.contains(ns)).toList();
    assertThat(lines).anySatisfy(line -> assertThat(line)
        .contains("\"verb\":\"create\"", "\"username\":\"admin\"", "\"code\":201",
            "\"name\":\"audited\""));
    assertThat(lines).anySatisfy(line -> assertThat(line)
        .contains("\"username\":\"system:node:" + NODE + "\"", "\"code\":403"));
    String all = Files.readString(audit);
    assertThat(all).doesNotContain(Files.readString(dataDir.resolve("admin-token")).trim())
        .doesNotContain(Files.readString(dataDir.resolve("node-token")).trim())
        .doesNotContain("\"k\":\"v\"");
  }

  @Test
  void joiningNeedsTheNodeTokenAndYieldsOnlyNodeIdentities() throws Exception {
    String csr = CertificateRequests.create(CertificateRequests.newKeyPair(), "admin",
        List.of("system:masters"));
    String body = "{\"certificateSigningRequests\": [" + json(csr) + "]}";
    String path = "/capstan/v1/node-credentials";
    assertThat(api.send("POST", path, body, Credential.token("wrong", "nope")).status())
        .isEqualTo(401);
    Credential joinToken = Credential.token("node token",
        Files.readString(dataDir.resolve("node-token")).trim());
    Answer refused = api.send("POST", path, body, joinToken);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("a node may only ask for CN=system:node:<name>");
  }

  @Test
  void credentialFilesAreReadableOnlyByTheirOwner() throws Exception {
    for (String file : List.of("kubeconfig.yaml", "admin-token", "node-token", "tls/ca.key",
        "tls/serving.key", "tls/service-account.key", "node/kubelet.key", "node/proxy.key",
        "audit.log")) {
      assertThat(PosixFilePermissions.toString(
          Files.getPosixFilePermissions(dataDir.resolve(file)))).as(file).isEqualTo("rw-------");
    }
  }

  @Test
  void malformedConnectionsLeaveTheServerServingOthers() throws Exception {
    URI uri = URI.create(cluster.capstan().url());
    List<Socket> bad = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        OutputStream out = socket.getOutputStream();
        // A TLS handshake record header announcing 512 bytes, then only a few of them.
        out.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc});
        out.flush();
        bad.add(socket);
      }
      Socket garbage = new Socket(uri.getHost(), uri.getPort());
      garbage.getOutputStream().write(new byte[4096]);
      bad.add(garbage);
      assertThat(api.get("/api/v1/namespaces", admin).status()).isEqualTo(200);
      assertThat(refusedOrCut("/api/v1/namespaces?labelSelector=" + "x".repeat(200_000)))
          .isIn(-1, 400, 414, 431);
      assertThat(api.get("/api/v1/namespaces", admin).status()).isEqualTo(200);
      assertThat(cluster.kubectl().run("get", "namespaces").exitCode()).isZero();
    } finally {
      for (Socket socket : bad) {
        socket.close();
      }
    }
  }

  @Test
  void aRestartKeepsTheCaSoExistingKubeconfigsStillWork(@TempDir Path own) throws Exception {
    int port;
    try (var probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    String[] args = {"--runtime", "simulated", "--node-name", "restart", "--port",
        String.valueOf(port)};
    Path saved = own.resolve("saved-kubeconfig.yaml");
    String ca;
    try (CapstanProcess first = CapstanProcess.start(own, args)) {
      Files.copy(first.kubeconfig(), saved);
      ca = Files.readString(first.caCertificate());
    }
    try (CapstanProcess second = CapstanProcess.start(own, args)) {
      assertThat(Files.readString(second.caCertificate())).isEqualTo(ca);
      Kubectl old = Kubectl.onThisMachine().getFirst().withKubeconfig(saved);
      Kubectl.Result result = old.run("get", "namespace", "default", "-o", "name");
      assertThat(result.out()).as(result.toString()).isEqualTo("namespace/default\n");
    }
  }

  /** The status of an oversized request, or -1 when the server cut the connection instead. */
  private static int refusedOrCut(String path) throws InterruptedException {
    try {
      return api.send("GET", path, null, admin).status();
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  private static String json(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
