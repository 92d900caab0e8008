package io.capstan.bench;

import io.capstan.bench.api.ApiScenario;
import io.capstan.bench.cluster.MemoryScenario;
import io.capstan.bench.cluster.RolloutScenario;
import io.capstan.bench.cluster.StartupScenario;
import io.capstan.bench.podstart.PodStartScenario;
import io.capstan.bench.proxy.ProxyScenario;
import io.capstan.bench.watch.WatchScenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/bench [flags] [scenario ...]}: runs the named scenarios (all when none is named) one
 * after another, prints each report, and with {@code --write-docs} rewrites their sections of
 * docs/benchmarks.md (relative to the working directory, which bin/bench sets to the checkout).
 */
public final class Main {

  private static final List<Scenario> SCENARIOS = List.of(new ProxyScenario(),
      new RolloutScenario(), new ApiScenario(), new WatchScenario(), new PodStartScenario(),
      new StartupScenario(), new MemoryScenario());

  private Main() {}

  public static void main(String[] args) throws Exception {
    Options options;
    List<Scenario> selected;
    try {
      if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
        System.out.println(Options.USAGE + "\nscenarios: " + names());
        return;
      }
      options = Options.parse(args);
      selected = select(options.scenarios());
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage() + "\n" + Options.USAGE
          + "\nscenarios: " + names());
      System.exit(2);
      return;
    }
    int status = 0;
    try {
      run(options, selected);
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    }
    // Vert.x and fabric8 may leave non-daemon threads behind their close(); the work is done.
    System.exit(status);
  }

  private static void run(Options options, List<Scenario> selected) throws Exception {
    DocsPage docs = new DocsPage(Path.of("docs", "benchmarks.md"));
    for (Scenario scenario : selected) {
      System.err.println("bench: running " + scenario.name());
      Report report = scenario.run(options);
      System.out.println("## " + scenario.heading() + "\n\n" + report.markdown());
      if (options.writeDocs()) {
        docs.write(scenario, report);
        System.err.println("bench: wrote the " + scenario.name() + " section of docs/benchmarks.md");
      }
    }
  }

  private static List<Scenario> select(List<String> names) {
    if (names.isEmpty()) {
      return SCENARIOS;
    }
    List<Scenario> selected = new ArrayList<>();
    for (String name : names) {
      selected.add(SCENARIOS.stream().filter(s -> s.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown scenario " + name)));
    }
    return selected;
  }

  private static String names() {
    return String.join(", ", SCENARIOS.stream().map(Scenario::name).toList());
  }
}
