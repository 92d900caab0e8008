package io.capstan.node.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an HTTP/1.x response from a connection that the server closes after it: the status line,
 * the headers (names lower-cased, first value kept) and at most {@code bodyLimit} bytes of the
 * body, decoding chunked transfer encoding. A body longer than the limit is cut, as the kubelet
 * cuts it at 10 KiB without failing the probe.
 */
final class HttpResponseReader {

  private static final int MAX_LINE = 64 * 1024;
  private static final int MAX_HEADERS = 256;

  record Head(int status, Map<String, String> headers) {}

  private final InputStream in;

  HttpResponseReader(InputStream in) {
    this.in = in;
  }

  /** The final response's head; interim 1xx responses (other than 101) are skipped. */
  Head readHead() throws IOException {
    while (true) {
      String statusLine = readLine();
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        throw new IOException("malformed HTTP response \"" + statusLine + "\"");
      }
      int status;
      try {
        status = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new IOException("malformed HTTP status code \"" + parts[1] + "\"");
      }
      Map<String, String> headers = new LinkedHashMap<>();
      for (int count = 0; ; count++) {
        String line = readLine();
        if (line.isEmpty()) {
          break;
        }
        if (count >= MAX_HEADERS) {
          throw new IOException("too many response headers");
        }
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
              line.substring(colon + 1).trim());
        }
      }
      if (status >= 100 && status < 200 && status != 101) {
        continue;
      }
      return new Head(status, headers);
    }
  }

  byte[] readBody(Head head, int bodyLimit) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String transferEncoding = head.headers().getOrDefault("transfer-encoding", "");
    if (head.status() == 204 || head.status() == 304) {
      return body.toByteArray();
    }
    if (transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      while (body.size() < bodyLimit) {
        String sizeLine = readLine();
        int semicolon = sizeLine.indexOf(';');
        String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
        long size;
        try {
          size = Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
          throw new IOException("malformed chunked encoding");
        }
        if (size == 0) {
          break;
        }
        copy(body, size, bodyLimit);
        readLine();
      }
      return body.toByteArray();
    }
    String contentLength = head.headers().get("content-length");
    long length = Long.MAX_VALUE;
    if (contentLength != null) {
      try {
        length = Long.parseLong(contentLength);
      } catch (NumberFormatException e) {
        throw new IOException("bad Content-Length \"" + contentLength + "\"");
      }
    }
    copy(body, length, bodyLimit);
    return body.toByteArray();
  }

  /** Copies up to {@code length} bytes (fewer at end of stream) but never past the limit. */
  private void copy(ByteArrayOutputStream body, long length, int bodyLimit) throws IOException {
    byte[] buffer = new byte[4096];
    long left = length;
    while (left > 0 && body.size() < bodyLimit) {
      int want = (int) Math.min(Math.min(buffer.length, left), bodyLimit - body.size());
      int read = in.read(buffer, 0, want);
      if (read < 0) {
        if (length != Long.MAX_VALUE) {
          throw new IOException("unexpected EOF");
        }
        return;
      }
      body.write(buffer, 0, read);
      left -= read;
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (line.size() == 0) {
          throw new IOException("EOF");
        }
        break;
      }
      if (b == '\n') {
        break;
      }
      if (line.size() >= MAX_LINE) {
        throw new IOException("response line too long");
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }
}
