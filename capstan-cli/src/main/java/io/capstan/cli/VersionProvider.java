package io.capstan.cli;

import io.capstan.apiserver.ApiServer;
import picocli.CommandLine;

/** {@code capstan --version}: Capstan's version and the Kubernetes API version it serves. */
final class VersionProvider implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {
        "capstan " + (version == null ? "dev" : version),
        "Kubernetes API " + ApiServer.KUBERNETES_VERSION,
        "Java " + Runtime.version()
    };
  }
}
