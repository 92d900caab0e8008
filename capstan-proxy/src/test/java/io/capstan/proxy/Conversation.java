package io.capstan.proxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A client connection through the proxy: the backend's greeting, then an echo. */
final class Conversation implements AutoCloseable {

  private final Socket socket;
  private final BufferedReader reader;

  Conversation(String host, int port, String fromAddress) throws IOException {
    socket = new Socket();
    if (fromAddress != null) {
      socket.bind(new InetSocketAddress(fromAddress, 0));
    }
    socket.connect(new InetSocketAddress(host, port), 2000);
    socket.setSoTimeout(5000);
    reader = new BufferedReader(new InputStreamReader(socket.getInputStream(),
        StandardCharsets.UTF_8));
  }

  /** The next line, or "" once the proxy closed the connection. */
  String readLine() throws IOException {
    String line = reader.readLine();
    return line == null ? "" : line;
  }

  String echo(String text) throws IOException {
    socket.getOutputStream().write((text + "\n").getBytes(StandardCharsets.UTF_8));
    return readLine();
  }

  /** Which backend answers a new connection: its name, "" when closed, "refused" if refused. */
  static String ask(String host, int port) {
    return ask(host, port, null);
  }

  static String ask(String host, int port, String fromAddress) {
    try (Conversation c = new Conversation(host, port, fromAddress)) {
      return c.readLine();
    } catch (java.net.ConnectException e) {
      return "refused";
    } catch (IOException e) {
      return "error: " + e.getMessage();
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
