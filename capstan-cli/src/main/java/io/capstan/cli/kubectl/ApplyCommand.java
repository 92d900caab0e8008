package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code capstan kubectl apply -f}: creates each object that does not exist, with the
 * last-applied annotation, and patches each that does with the {@link ThreeWayPatch} between the
 * annotation, the file and the live object. Failures are reported per object after the others
 * were applied, with exit code 1, as kubectl does.
 */
@Command(name = "apply", description = "Apply a configuration to a resource by file name or stdin.")
final class ApplyCommand implements Callable<Integer> {

  static final String STRATEGIC = "application/strategic-merge-patch+json";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = {"-f", "--filename"}, description = "Files, directories or - for stdin.")
  List<String> filenames = new ArrayList<>();

  @Option(names = {"-R", "--recursive"}, description = "Process directories recursively.")
  boolean recursive;

  @Option(names = {"-o", "--output"}, description = "name: print only the object names.")
  String output = "";

  @Option(names = "--dry-run", arity = "0..1", fallbackValue = "client",
      description = "none, client or server: show what would be done without doing it.")
  String dryRun = "none";

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      DryRun mode = DryRun.parse(dryRun);
      List<ManifestFiles.Manifest> manifests = ManifestFiles.read("apply", filenames, recursive,
          System.in);
      ClusterOptions options = ClusterOptions.of(spec);
      try (Cluster cluster = options.connect()) {
        ResourceCatalog catalog = ResourceCatalog.discover(cluster);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> errors = new ArrayList<>();
        for (ManifestFiles.Manifest manifest : manifests) {
          ManifestTarget target = ManifestTarget.of(manifest, catalog, cluster.namespace(),
              options.namespaceGiven());
          try {
            String verb = apply(cluster, target, mode, err);
            out.println(output.equals("name") ? target.ref().display()
                : target.ref().display() + " " + verb + mode.suffix());
            out.flush();
          } catch (KubectlError e) {
            errors.add(e.getMessage());
          }
        }
        errors.forEach(err::println);
        err.flush();
        return errors.isEmpty() ? 0 : 1;
      }
    });
  }

  private String apply(Cluster cluster, ManifestTarget target, DryRun mode, PrintWriter err) {
    ObjectRef ref = target.ref();
    ObjectNode modified = LastApplied.annotate(target.object());
    Cluster.Reply live = cluster.get(ref.path(), Cluster.JSON);
    if (live.code() == 404) {
      if (mode != DryRun.CLIENT) {
        Cluster.Reply created = cluster.send("POST",
            ref.type().collectionPath(ref.namespace()) + mode.query(), Cluster.JSON,
            Json.MAPPER.writeValueAsString(modified), Cluster.JSON);
        if (!created.ok()) {
          throw new KubectlError(WriteErrors.when("creating", target.source(), created));
        }
      }
      return "created";
    }
    if (!live.ok()) {
      throw new KubectlError(WriteErrors.when("retrieving current configuration of",
          target.source(), live));
    }
    if (mode == DryRun.CLIENT) {
      // kubectl computes no patch in a client dry run: an existing object is "configured".
      return "configured";
    }
    JsonNode current = Json.MAPPER.readTree(live.body());
    JsonNode original = LastApplied.recorded(current).orElse(null);
    if (original == null) {
      err.println("Warning: resource " + ref.type().name() + "/" + ref.name()
          + " is missing the " + LastApplied.ANNOTATION + " annotation which is required by "
          + "kubectl apply. kubectl apply should only be used on resources created "
          + "declaratively by either kubectl create --save-config or kubectl apply. The missing "
          + "annotation will be patched automatically.");
      err.flush();
    }
    ObjectNode patch = ThreeWayPatch.compute(ref.type().kind(), original, modified, current);
    if (patch.isEmpty()) {
      return "unchanged";
    }
    Cluster.Reply patched = cluster.send("PATCH", ref.path() + mode.query(), STRATEGIC,
        Json.MAPPER.writeValueAsString(patch), Cluster.JSON);
    if (!patched.ok()) {
      throw new KubectlError(WriteErrors.when("patching", target.source(), patched));
    }
    return "configured";
  }
}
