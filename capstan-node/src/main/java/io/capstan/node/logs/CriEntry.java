package io.capstan.node.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;

/**
 * One entry of a CRI log file, {@code 2016-10-06T00:17:09.669794202Z stdout F text}: a partial
 * entry ({@code P}) is continued by the next one, a full entry ({@code F}) ends a line.
 *
 * @param content the text without the line's newline
 */
public record CriEntry(Instant time, String stream, boolean partial, byte[] content) {

  /** Kubernetes' RFC3339NanoFixed: always nine fraction digits, so prefixes line up. */
  private static final DateTimeFormatter FIXED_NANOS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  /** Parses one line of a log file (without its newline); empty if it is not a CRI entry. */
  public static Optional<CriEntry> parse(byte[] line) {
    int timeEnd = indexOf(line, 0);
    if (timeEnd < 0) {
      return Optional.empty();
    }
    int streamEnd = indexOf(line, timeEnd + 1);
    if (streamEnd < 0) {
      return Optional.empty();
    }
    String stream = ascii(line, timeEnd + 1, streamEnd);
    if (!stream.equals("stdout") && !stream.equals("stderr")) {
      return Optional.empty();
    }
    // The tag may be the last field of an empty full line written without the trailing space.
    int tagEnd = indexOf(line, streamEnd + 1);
    int contentStart = tagEnd < 0 ? line.length : tagEnd + 1;
    String tags = ascii(line, streamEnd + 1, tagEnd < 0 ? line.length : tagEnd);
    String tag = tags.split(":", 2)[0];
    if (!tag.equals("P") && !tag.equals("F")) {
      return Optional.empty();
    }
    try {
      Instant time = OffsetDateTime.parse(ascii(line, 0, timeEnd)).toInstant();
      return Optional.of(new CriEntry(time, stream, tag.equals("P"),
          Arrays.copyOfRange(line, contentStart, line.length)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The line as a runtime writes it, with its newline. */
  public byte[] encode() {
    byte[] head = (FIXED_NANOS.format(time) + " " + stream + " " + (partial ? "P" : "F") + " ")
        .getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(head, head.length + content.length + 1);
    System.arraycopy(content, 0, out, head.length, content.length);
    out[out.length - 1] = '\n';
    return out;
  }

  /** The {@code timestamps} prefix kubelet prints: the time with nine digits and a space. */
  public static String timestampPrefix(Instant time) {
    return FIXED_NANOS.format(time) + " ";
  }

  private static int indexOf(byte[] line, int from) {
    for (int i = from; i < line.length; i++) {
      if (line[i] == ' ') {
        return i;
      }
    }
    return -1;
  }

  private static String ascii(byte[] line, int from, int to) {
    return new String(line, from, to - from, StandardCharsets.US_ASCII);
  }
}
