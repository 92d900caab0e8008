package io.capstan.apiserver.table;

import java.util.HashMap;
import java.util.Map;

/**
 * The printer for each kind, by API group and kind, as Kubernetes registers them; kinds without
 * one get the default printer (NAME, Created At). Immutable: {@link #with} returns a copy, so a
 * server can add printers (say, from a custom resource's printer columns) without sharing state.
 */
public final class TablePrinters {

  private record GroupKind(String group, String kind) {}

  private static final TablePrinter DEFAULT = new DefaultTablePrinter();

  private static final TablePrinters STANDARD = new TablePrinters(Map.ofEntries(
      Map.entry(new GroupKind("", "Namespace"), new NamespacePrinter()),
      Map.entry(new GroupKind("", "Pod"), new PodPrinter()),
      Map.entry(new GroupKind("", "ConfigMap"), new ConfigMapPrinter()),
      Map.entry(new GroupKind("", "Secret"), new SecretPrinter()),
      Map.entry(new GroupKind("", "Service"), new ServicePrinter()),
      Map.entry(new GroupKind("", "Endpoints"), new EndpointsPrinter()),
      Map.entry(new GroupKind("", "Node"), new NodePrinter()),
      Map.entry(new GroupKind("", "Event"), new EventPrinter()),
      Map.entry(new GroupKind("", "ServiceAccount"), new ServiceAccountPrinter()),
      Map.entry(new GroupKind("apps", "Deployment"), new DeploymentPrinter()),
      Map.entry(new GroupKind("apps", "ReplicaSet"), new ReplicaSetPrinter()),
      Map.entry(new GroupKind("coordination.k8s.io", "Lease"), new LeasePrinter()),
      Map.entry(new GroupKind("discovery.k8s.io", "EndpointSlice"), new EndpointSlicePrinter()),
      Map.entry(new GroupKind("policy", "PodDisruptionBudget"),
          new PodDisruptionBudgetPrinter())));

  private final Map<GroupKind, TablePrinter> printers;

  private TablePrinters(Map<GroupKind, TablePrinter> printers) {
    this.printers = Map.copyOf(printers);
  }

  /** The printers of the kinds Capstan serves. */
  public static TablePrinters standard() {
    return STANDARD;
  }

  /** The default printer every kind without its own falls back to. */
  public static TablePrinter defaultPrinter() {
    return DEFAULT;
  }

  /** The printer for a kind; {@code group} is empty for the core group. */
  public TablePrinter forKind(String group, String kind) {
    return printers.getOrDefault(new GroupKind(group == null ? "" : group, kind), DEFAULT);
  }

  /** A copy that also (or instead) prints {@code group/kind} with {@code printer}. */
  public TablePrinters with(String group, String kind, TablePrinter printer) {
    Map<GroupKind, TablePrinter> copy = new HashMap<>(printers);
    copy.put(new GroupKind(group == null ? "" : group, kind), printer);
    return new TablePrinters(copy);
  }
}
