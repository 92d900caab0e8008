package io.capstan.node.podconfig;

import java.util.Arrays;

/** One file of a volume's payload: its bytes and its permission bits (e.g. {@code 0644}). */
record FileProjection(byte[] data, int mode) {

  FileProjection {
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileProjection other && other.mode == mode
        && Arrays.equals(other.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(data) + mode;
  }

  @Override
  public String toString() {
    return "FileProjection[" + data.length + " bytes, mode " + Integer.toOctalString(mode) + "]";
  }
}
