package io.capstan.runtime.containerd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

/**
 * Capstan's pod sandbox ("pause") image, built on the node without a registry: one static
 * executable, {@code /pause}, that waits for signals forever. It is a minimal ELF program written
 * here byte by byte (a loop around the {@code pause} system call on amd64, {@code ppoll} with no
 * descriptors on arm64), so nothing but this class is needed to make it. As PID 1 of the sandbox
 * it ignores SIGTERM; containerd stops sandboxes with SIGKILL.
 */
public final class PauseImage {

  /** The name containerd's {@code sandbox_image} setting points at. */
  public static final String NAME = "capstan.local/pause:1";

  private static final long BASE = 0x400000L;
  private static final int HEADERS = 64 + 56;

  /** amd64: {@code loop: mov eax, 34 (pause); syscall; jmp loop}. */
  private static final byte[] AMD64 = {
      (byte) 0xb8, 0x22, 0x00, 0x00, 0x00, 0x0f, 0x05, (byte) 0xeb, (byte) 0xf7};

  /**
   * arm64: {@code loop: mov x0..x3, #0; mov x8, #73 (ppoll); svc #0; b loop} — ppoll with no
   * descriptors and no timeout sleeps until a signal, as pause does.
   */
  private static final int[] ARM64 = {
      0xd2800000, 0xd2800001, 0xd2800002, 0xd2800003, 0xd2800928, 0xd4000001, 0x17fffffa};

  private PauseImage() {}

  /** Writes the image, named {@link #NAME}, as an OCI layout tarball. */
  public static void write(Path tarball) throws IOException {
    ByteArrayOutputStream layer = new ByteArrayOutputStream();
    TarWriter tar = new TarWriter(layer);
    for (String dir : List.of("dev", "etc", "proc", "sys")) {
      tar.directory(dir, 0755);
    }
    tar.file("pause", 0755, executable(OciImageWriter.architecture()));
    tar.finish();
    OciImageWriter.writeImage(NAME, new OciImageWriter.ImageConfig(List.of("/pause"), List.of(),
        List.of("PATH=" + OciImageWriter.DEFAULT_PATH)), layer.toByteArray(), tarball);
  }

  /** The pause program for an OCI architecture name ({@code amd64} or {@code arm64}). */
  static byte[] executable(String architecture) {
    return switch (architecture) {
      case "amd64" -> elf(62, AMD64);
      case "arm64" -> {
        ByteBuffer code = ByteBuffer.allocate(ARM64.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int instruction : ARM64) {
          code.putInt(instruction);
        }
        yield elf(183, code.array());
      }
      default -> throw new IllegalStateException(
          "no pause program for architecture " + architecture + " (amd64 and arm64 have one)");
    };
  }

  /** A static ELF64 executable: the headers, one loadable read+execute segment, then code. */
  private static byte[] elf(int machine, byte[] code) {
    ByteBuffer elf = ByteBuffer.allocate(HEADERS + code.length).order(ByteOrder.LITTLE_ENDIAN);
    elf.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    elf.putShort((short) 2);             // e_type: executable
    elf.putShort((short) machine);       // e_machine
    elf.putInt(1);                       // e_version
    elf.putLong(BASE + HEADERS);         // e_entry: the code right after the headers
    elf.putLong(64);                     // e_phoff
    elf.putLong(0);                      // e_shoff: no sections
    elf.putInt(0);                       // e_flags
    elf.putShort((short) 64);            // e_ehsize
    elf.putShort((short) 56);            // e_phentsize
    elf.putShort((short) 1);             // e_phnum
    elf.putShort((short) 0);             // e_shentsize
    elf.putShort((short) 0);             // e_shnum
    elf.putShort((short) 0);             // e_shstrndx
    elf.putInt(1);                       // p_type: PT_LOAD
    elf.putInt(5);                       // p_flags: read + execute
    elf.putLong(0);                      // p_offset: the whole file
    elf.putLong(BASE);                   // p_vaddr
    elf.putLong(BASE);                   // p_paddr
    elf.putLong(HEADERS + code.length);  // p_filesz
    elf.putLong(HEADERS + code.length);  // p_memsz
    elf.putLong(0x1000);                 // p_align
    elf.put(code);
    return elf.array();
  }
}
