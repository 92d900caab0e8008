package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * What {@code create -f} and {@code replace -f} share: their flags, and one request per object of
 * the manifests, printing {@code KIND/NAME created} (or {@code -o name}) for each that succeeds and
 * kubectl's {@code error when creating "FILE"} for the others, after them.
 */
final class ManifestWrites {

  @Option(names = {"-f", "--filename"}, description = "Files, directories or - for stdin.")
  List<String> filenames = new ArrayList<>();

  @Option(names = {"-R", "--recursive"}, description = "Process directories recursively.")
  boolean recursive;

  @Option(names = {"-o", "--output"}, description = "name: print only the object names.")
  String output = "";

  @Option(names = "--save-config", description = "Record the last-applied configuration.")
  boolean saveConfig;

  /** The request that writes one object: a POST to its collection, a PUT to itself. */
  interface Write {
    Cluster.Reply send(Cluster cluster, ObjectRef ref, String body);
  }

  /**
   * Writes every object; {@code verb} names the command, {@code gerund} and {@code done} word
   * kubectl's messages ({@code creating}, {@code created}). Exit code 1 when any failed.
   */
  int writeEach(CommandSpec spec, String verb, String gerund, String done, Write write) {
    List<ManifestFiles.Manifest> manifests = ManifestFiles.read(verb, filenames, recursive,
        System.in);
    ClusterOptions options = ClusterOptions.of(spec);
    try (Cluster cluster = options.connect()) {
      ResourceCatalog catalog = ResourceCatalog.discover(cluster);
      PrintWriter out = spec.commandLine().getOut();
      List<String> errors = new ArrayList<>();
      for (ManifestFiles.Manifest manifest : manifests) {
        ManifestTarget target = ManifestTarget.of(manifest, catalog, cluster.namespace(),
            options.namespaceGiven());
        ObjectRef ref = target.ref();
        Object body = saveConfig ? LastApplied.annotate(target.object()) : target.object();
        Cluster.Reply reply = write.send(cluster, ref, Json.MAPPER.writeValueAsString(body));
        if (!reply.ok()) {
          errors.add(WriteErrors.when(gerund, target.source(), reply));
          continue;
        }
        out.println(output.equals("name") ? ref.display() : ref.display() + " " + done);
        out.flush();
      }
      PrintWriter err = spec.commandLine().getErr();
      errors.forEach(err::println);
      err.flush();
      return errors.isEmpty() ? 0 : 1;
    }
  }
}
