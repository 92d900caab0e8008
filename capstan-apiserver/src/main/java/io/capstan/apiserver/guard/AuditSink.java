package io.capstan.apiserver.guard;

import java.io.IOException;

/** Where the audit writer puts its lines: the rotated file, or in tests a sink it can hold up. */
interface AuditSink extends AutoCloseable {

  /** Appends one complete line, newline included. */
  void append(byte[] line) throws IOException;

  /** Makes what was appended visible to readers of the file. */
  void flush() throws IOException;

  @Override
  void close() throws IOException;
}
