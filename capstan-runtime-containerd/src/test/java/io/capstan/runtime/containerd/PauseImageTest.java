package io.capstan.runtime.containerd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-written pause program runs on this machine, sleeps, and dies by a signal. */
class PauseImageTest {

  @TempDir Path temp;

  @Test
  void pauseProgramSleepsUntilKilled() throws Exception {
    Path pause = Files.write(temp.resolve("pause"),
        PauseImage.executable(OciImageWriter.architecture()));
    Files.setPosixFilePermissions(pause, PosixFilePermissions.fromString("rwxr-xr-x"));
    Process process = new ProcessBuilder(pause.toString()).start();
    try {
      // Sleeping in the kernel ('S'), not spinning and not exited.
      await().atMost(Duration.ofSeconds(10)).until(() -> state(process.pid()) == 'S');
      assertThat(process.isAlive()).isTrue();
    } finally {
      process.destroy();
    }
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("killed by SIGTERM").isEqualTo(128 + 15);
  }

  @Test
  void imageTarballNamesThePauseImage() throws Exception {
    Path tarball = temp.resolve("pause.tar");
    PauseImage.write(tarball);
    assertThat(Files.readString(tarball, java.nio.charset.StandardCharsets.ISO_8859_1))
        .contains(PauseImage.NAME);
  }

  private static char state(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    return stat.charAt(stat.lastIndexOf(')') + 2);
  }
}
