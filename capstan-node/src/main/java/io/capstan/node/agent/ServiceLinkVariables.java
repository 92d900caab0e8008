package io.capstan.node.agent;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kubelet's service environment ({@code getServiceEnvVarMap} and {@code envvars.FromServices}):
 * for a pod, every Service of its namespace that has a cluster IP (unless the pod turned service
 * links off), plus the master service {@code default/kubernetes} always, since in-cluster clients
 * find the API server through {@code KUBERNETES_SERVICE_HOST}. A Service of the pod's own
 * namespace named {@code kubernetes} replaces the master one, as upstream.
 *
 * <p>Each Service {@code my-db} with ports {@code 5432/TCP "pg"} gives {@code MY_DB_SERVICE_HOST},
 * {@code MY_DB_SERVICE_PORT} (the first port), {@code MY_DB_SERVICE_PORT_PG} (each named port),
 * and the docker-link variables {@code MY_DB_PORT=tcp://ip:5432} (the first port) and, per port,
 * {@code MY_DB_PORT_5432_TCP}, {@code ..._PROTO}, {@code ..._PORT}, {@code ..._ADDR}.
 */
final class ServiceLinkVariables {

  static final String MASTER_NAMESPACE = "default";
  static final String MASTER_SERVICE = "kubernetes";

  private ServiceLinkVariables() {}

  /** The variables of {@code pod} given every Service the agent knows of (any namespace). */
  static Map<String, String> forPod(Pod pod, Collection<Service> services) {
    String namespace = pod.getMetadata().getNamespace();
    boolean links = pod.getSpec() == null || pod.getSpec().getEnableServiceLinks() == null
        || pod.getSpec().getEnableServiceLinks();
    Map<String, Service> byName = new TreeMap<>();
    for (Service service : services) {
      if (!hasClusterIp(service)) {
        continue;
      }
      String name = service.getMetadata().getName();
      String serviceNamespace = service.getMetadata().getNamespace();
      if (MASTER_NAMESPACE.equals(serviceNamespace) && MASTER_SERVICE.equals(name)) {
        byName.putIfAbsent(name, service);
      } else if (links && namespace.equals(serviceNamespace)) {
        byName.put(name, service);
      }
    }
    Map<String, String> variables = new LinkedHashMap<>();
    byName.values().forEach(service -> addVariables(service, variables));
    return variables;
  }

  /** Whether the Service has a virtual IP: set, and not {@code None} (headless). */
  static boolean hasClusterIp(Service service) {
    String ip = service.getSpec() == null ? null : service.getSpec().getClusterIP();
    return ip != null && !ip.isEmpty() && !"None".equals(ip);
  }

  private static void addVariables(Service service, Map<String, String> variables) {
    String prefix = variableName(service.getMetadata().getName());
    String ip = service.getSpec().getClusterIP();
    List<ServicePort> ports = service.getSpec().getPorts() == null ? List.of()
        : service.getSpec().getPorts();
    variables.put(prefix + "_SERVICE_HOST", ip);
    if (ports.isEmpty()) {
      return;
    }
    String portName = prefix + "_SERVICE_PORT";
    variables.put(portName, port(ports.getFirst()));
    for (ServicePort port : ports) {
      if (port.getName() != null && !port.getName().isEmpty()) {
        variables.put(portName + "_" + variableName(port.getName()), port(port));
      }
    }
    for (int i = 0; i < ports.size(); i++) {
      ServicePort port = ports.get(i);
      String protocol = port.getProtocol() == null || port.getProtocol().isEmpty() ? "TCP"
          : port.getProtocol();
      String url = protocol.toLowerCase(Locale.ROOT) + "://" + ip + ":" + port(port);
      if (i == 0) {
        variables.put(prefix + "_PORT", url);
      }
      String link = prefix + "_PORT_" + port(port) + "_" + protocol.toUpperCase(Locale.ROOT);
      variables.put(link, url);
      variables.put(link + "_PROTO", protocol.toLowerCase(Locale.ROOT));
      variables.put(link + "_PORT", port(port));
      variables.put(link + "_ADDR", ip);
    }
  }

  private static String port(ServicePort port) {
    return String.valueOf(port.getPort() == null ? 0 : port.getPort());
  }

  /** {@code my-db.x} → {@code MY_DB_X}; a leading digit gets an underscore before it. */
  static String variableName(String name) {
    String upper = name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    boolean digit = !upper.isEmpty() && upper.charAt(0) >= '0' && upper.charAt(0) <= '9';
    return digit ? "_" + upper : upper;
  }
}
