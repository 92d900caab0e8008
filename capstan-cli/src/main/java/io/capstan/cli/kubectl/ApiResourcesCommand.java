package io.capstan.cli.kubectl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code capstan kubectl api-resources}: the served types, in kubectl's columns and order. */
@Command(name = "api-resources", description = "Print the supported API resources on the server.")
final class ApiResourcesCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      try (Cluster cluster = ClusterOptions.of(spec).connect()) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(render(ResourceCatalog.discover(cluster).all()));
        out.flush();
        return 0;
      }
    });
  }

  /** kubectl's order: by group, then by name. */
  static String render(List<ApiResource> resources) {
    List<ApiResource> sorted = new ArrayList<>(resources);
    sorted.sort(Comparator.comparing(ApiResource::group).thenComparing(ApiResource::name));
    Columns columns = new Columns()
        .add(List.of("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"));
    for (ApiResource r : sorted) {
      columns.add(List.of(r.name(), String.join(",", r.shortNames()), r.groupVersion(),
          String.valueOf(r.namespaced()), r.kind()));
    }
    return columns.render();
  }
}
