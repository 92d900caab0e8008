package io.capstan.cli.kubectl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code capstan kubectl set image TYPE/NAME CONTAINER=IMAGE... ('*=IMAGE' for all)}. */
@Command(name = "image", description = "Update the image of a pod template.")
final class SetImageCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "TYPE NAME | TYPE/NAME CONTAINER=IMAGE...")
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      List<String> objects = new ArrayList<>();
      Map<String, String> images = new LinkedHashMap<>();
      for (String arg : args) {
        int eq = arg.indexOf('=');
        if (eq > 0) {
          images.put(arg.substring(0, eq), arg.substring(eq + 1));
        } else {
          objects.add(arg);
        }
      }
      if (images.isEmpty()) {
        throw new KubectlError("error: at least one image update is required");
      }
      return SetCommand.update(spec, objects, "image updated", (ref, podSpec) -> {
        ContainerEdits.setImages(podSpec, images);
        return true;
      });
    });
  }
}
