package io.capstan.bench.proxy;

import io.capstan.bench.Machine;
import io.capstan.bench.Options;
import io.capstan.bench.Report;
import io.capstan.bench.Scenario;
import io.capstan.bench.wrk.Wrk;
import io.capstan.bench.wrk.WrkResult;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * wrk through a ClusterIP to four backends, against wrk straight to one backend and HAProxy with
 * the same four backends, in the same run. Targets: Capstan reaches at least 80% of HAProxy's
 * requests/s and adds at most 1 ms of p99 latency to the direct path.
 *
 * <p>Every target is measured {@code rounds} times, the order reversed on every other round so a
 * drift in the machine's load does not favour one target; each measured run follows a discarded
 * warm-up run against the same target (the JIT, connection pools, TCP state).
 */
public final class ProxyScenario implements Scenario {

  static final List<String> BACKENDS =
      List.of("127.0.0.21", "127.0.0.22", "127.0.0.23", "127.0.0.24");
  static final String HAPROXY_HOST = "127.0.0.30";
  static final String SERVICE = "backends";

  @Override
  public String name() {
    return "proxy";
  }

  @Override
  public String heading() {
    return "Service proxy";
  }

  @Override
  public Report run(Options options) throws Exception {
    if (!Wrk.installed() || !Haproxy.installed()) {
      throw new IllegalStateException("the proxy benchmark needs wrk and haproxy on PATH:"
          + " run bin/install-bench-tools.sh");
    }
    Machine machine = Machine.describe();
    String date = LocalDate.now(ZoneOffset.UTC).toString();
    int backendPort = Sockets.freePort(BACKENDS.getFirst());
    int servicePort = Sockets.freePort("127.0.0.1");
    try (BackendProcess backends = BackendProcess.start(backendPort, BACKENDS);
        CapstanProxy capstan = CapstanProxy.start()) {
      String clusterIp = capstan.publish(SERVICE, servicePort, BACKENDS, backendPort);
      try (Haproxy haproxy = Haproxy.start(HAPROXY_HOST, Sockets.freePort(HAPROXY_HOST),
          BACKENDS, backendPort)) {
        List<Target> targets = List.of(
            new Target(ProxyReport.DIRECT, url(BACKENDS.getFirst(), backendPort)),
            new Target(ProxyReport.HAPROXY, url(HAPROXY_HOST, haproxy.port())),
            new Target(ProxyReport.CAPSTAN, url(clusterIp, servicePort)));
        Map<Pass, Map<String, List<WrkResult>>> results = new LinkedHashMap<>();
        for (Pass pass : Pass.values()) {
          results.put(pass, measure(pass, targets, options));
        }
        return new ProxyReport(machine, date, options,
            Haproxy.version() + " (" + Haproxy.SETTINGS + ")", results);
      }
    }
  }

  private static Map<String, List<WrkResult>> measure(Pass pass, List<Target> targets,
      Options options) throws IOException, InterruptedException {
    Wrk wrk = new Wrk(options.threads(), options.connections(), pass.closeEachConnection);
    Map<String, List<WrkResult>> byTarget = new LinkedHashMap<>();
    targets.forEach(target -> byTarget.put(target.label(), new ArrayList<>()));
    for (int round = 0; round < options.rounds(); round++) {
      List<Target> order = round % 2 == 0 ? targets : targets.reversed();
      for (Target target : order) {
        if (!options.warmup().isZero()) {
          wrk.run(target.url(), options.warmup());
        }
        WrkResult result = wrk.run(target.url(), options.duration());
        byTarget.get(target.label()).add(result);
        System.err.printf(Locale.ROOT, "bench: proxy %s round %d/%d %s: %,.0f req/s, p50 %s,"
                + " p99 %s, %d errors%n", pass.label, round + 1,
            options.rounds(), target.label(), result.requestsPerSecond(),
            ProxyReport.millis(result.p50Micros()), ProxyReport.millis(result.p99Micros()),
            result.errors());
      }
    }
    return byTarget;
  }

  private static String url(String host, int port) {
    return "http://" + host + ":" + port + "/";
  }
}
