package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code capstan kubectl create deployment NAME --image=...}: the Deployment kubectl 1.32 builds —
 * label and selector {@code app=NAME}, one container per image named after the image (its last
 * path segment without tag or digest).
 */
@Command(name = "deployment", aliases = "deploy",
    description = "Create a deployment with the specified name.")
final class CreateDeploymentCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "NAME")
  String name;

  @Option(names = "--image", description = "Image name(s) to run.")
  List<String> images = new ArrayList<>();

  @Option(names = {"-r", "--replicas"}, description = "Number of replicas.")
  int replicas = 1;

  @Option(names = "--port", description = "The container port to expose.")
  Integer port;

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      if (images.isEmpty()) {
        throw new KubectlError("error: required flag(s) \"image\" not set");
      }
      if (name == null) {
        throw new KubectlError("error: exactly one NAME is required, got 0\n"
            + "See 'kubectl create deployment -h' for help and examples");
      }
      return CreateCommand.createGenerated(spec, "deployments.apps", deployment(), "deployment");
    });
  }

  ObjectNode deployment() {
    ObjectNode d = Json.object();
    d.put("apiVersion", "apps/v1");
    d.put("kind", "Deployment");
    ObjectNode metadata = d.putObject("metadata");
    metadata.put("name", name);
    // kubectl sends the zero timestamps of its Go structs; the server keeps the template's.
    metadata.putNull("creationTimestamp");
    metadata.putObject("labels").put("app", name);
    ObjectNode spec = d.putObject("spec");
    spec.put("replicas", replicas);
    spec.putObject("selector").putObject("matchLabels").put("app", name);
    ObjectNode template = spec.putObject("template");
    ObjectNode templateMetadata = template.putObject("metadata");
    templateMetadata.putNull("creationTimestamp");
    templateMetadata.putObject("labels").put("app", name);
    ArrayNode containers = template.putObject("spec").putArray("containers");
    for (String image : images) {
      ObjectNode c = containers.addObject();
      c.put("name", containerName(image));
      c.put("image", image);
      if (port != null) {
        c.putArray("ports").addObject().put("containerPort", port);
      }
      c.putObject("resources");
    }
    spec.putObject("strategy");
    d.putObject("status");
    return d;
  }

  /**
   * kubectl's container name for {@code image}: the last path segment without tag or digest; a
   * name with {@code _} or {@code .} has them turned into {@code -} and gets a random suffix.
   */
  static String containerName(String image) {
    String name = image.substring(image.lastIndexOf('/') + 1);
    name = name.split(":", -1)[0].split("@", -1)[0];
    if (name.contains("_") || name.contains(".")) {
      String alphabet = "bcdfghjklmnpqrstvwxz2456789";
      StringBuilder suffix = new StringBuilder();
      for (int i = 0; i < 5; i++) {
        suffix.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
      }
      name = name.replace('_', '-').replace('.', '-') + "-" + suffix;
    }
    return name;
  }
}
