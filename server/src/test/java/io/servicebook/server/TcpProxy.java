package io.servicebook.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between the server and its database, for outage tests: {@link #cut()} drops every
 * open connection and refuses new ones (as a database that went away does), {@link #restore()}
 * listens again on the same port.
 */
final class TcpProxy implements AutoCloseable {

  private final InetSocketAddress target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final int port;
  private volatile ServerSocket listening;

  TcpProxy(String host, int port) throws IOException {
    this.target = new InetSocketAddress(host, port);
    this.listening = listen(0);
    this.port = listening.getLocalPort();
  }

  int port() {
    return port;
  }

  /** Drops every connection and stops listening: connecting is refused until {@link #restore}. */
  synchronized void cut() throws IOException {
    listening.close();
    for (Socket socket : open) {
      socket.close();
    }
    open.clear();
  }

  /** Listens again on the same port. */
  synchronized void restore() throws IOException {
    if (listening.isClosed()) {
      listening = listen(port);
    }
  }

  private ServerSocket listen(int on) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress("127.0.0.1", on));
    Thread.ofVirtual().name("proxy-accept").start(() -> accept(socket));
    return socket;
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket server = new Socket();
        try {
          server.connect(target, 5_000);
        } catch (IOException refused) {
          client.close();
          continue;
        }
        open.add(client);
        open.add(server);
        if (socket.isClosed()) { // cut meanwhile
          close(client);
          close(server);
          return;
        }
        pump(client, server);
        pump(server, client);
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread.ofVirtual()
        .name("proxy-pump")
        .start(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException dropped) {
                // one side went away: the other goes too
              } finally {
                close(from);
                close(to);
              }
            });
  }

  private void close(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    cut();
  }
}
