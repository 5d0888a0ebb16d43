#pragma once
// What pantau-sim and pantau-relay set up alike on cpp-httplib: many keep-alive clients (a cache
// tier's connections), no Nagle delay, a real listen backlog, and a stop() that works from any
// thread at any time.
//
// Threading: configure and bind before serving; stopServer() from any thread.

#include <httplib.h>
#include <signal.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace pantau::tools {

/// `listenSocket` receives the listening socket when it is created (bindServer raises its backlog).
inline void configureServer(httplib::Server& server, int threads, int& listenSocket) {
  server.new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<std::size_t>(threads));
  };
  server.set_keep_alive_max_count(100000);
  // Headers and body go out in separate writes: without TCP_NODELAY, Nagle and the client's
  // delayed ACK hold every response ~40 ms (measured: 300 documents/s instead of thousands).
  server.set_tcp_nodelay(true);
  server.set_socket_options([&listenSocket](int sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);  // what httplib's default does
    listenSocket = sock;
  });
  server.set_read_timeout(30, 0);
  server.set_write_timeout(30, 0);
}

/// Binds (port 0 = any free port); returns the bound port or -1. cpp-httplib listens with a
/// backlog of 5, and 16 clients connecting at once lost SYNs and waited a second for the
/// retransmit: the backlog is raised here.
inline int bindServer(httplib::Server& server, const std::string& host, int port,
                      int listenSocket) {
  if (port == 0)
    port = server.bind_to_any_port(host);
  else if (!server.bind_to_port(host, port))
    port = -1;
  if (port > 0 && listenSocket >= 0) ::listen(listenSocket, SOMAXCONN);
  return port;
}

/// Serves until stopped; `serveEnded` tells stopServer() that waiting for the listener is over.
inline bool serveServer(httplib::Server& server, std::atomic<bool>& serveEnded) {
  const bool ok = server.listen_after_bind();
  serveEnded = true;
  return ok;
}

/// SIGINT and SIGTERM blocked in every thread (to be taken by one sigwait()ing thread, never by a
/// server worker), SIGPIPE ignored (a client that hangs up must not end the server).
inline sigset_t blockTerminationSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);
  return signals;
}

/// httplib's stop() does nothing until the listener runs: waits for it (or for serving to end).
inline void stopServer(httplib::Server& server, const std::atomic<bool>& serveEnded) {
  while (!server.is_running() && !serveEnded)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  server.stop();
}

}  // namespace pantau::tools
