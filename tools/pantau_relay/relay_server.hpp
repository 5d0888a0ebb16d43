#pragma once
// pantau-relay's HTTP face (cpp-httplib, as pantau-sim):
//   GET /latest          the newest version (short max-age, ETag, 304)
//   GET /v/V/<API path>  that document as it stood in version V: immutable, ETag = its content
//                        hash; 404 for a path V lacks, 410 for a version no longer kept
//   GET /v/V/<photo>     a form photo, passed through from the source and cached (bounded)
//   GET /_relay/stats    counters, for tests and benchmarks
// Read-only: nothing else is served, no other method is accepted.
//
// Threading: handlers run on httplib's worker threads; the store is thread-safe and the photo
// source is used under a mutex.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "relay_poller.hpp"
#include "relay_store.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace pantau::relay {

class RelayServer {
 public:
  RelayServer(RelayStore& store, const PollerStats& originStats,
              std::unique_ptr<data::Source> photoSource, std::string host, int port);
  ~RelayServer();

  int bind();    ///< the bound port, or -1
  bool serve();  ///< until stop()
  void stop();   ///< from any thread, also before serve() listens

 private:
  void handleLatest(const httplib::Request& req, httplib::Response& res);
  void handleVersioned(const httplib::Request& req, httplib::Response& res);
  /// GET /v/V/changes: the paths V changed since the version before it (immutable, like V).
  void serveChanges(const RelayVersion& v, const httplib::Request& req, httplib::Response& res);
  void servePhoto(const std::string& path, const httplib::Request& req, httplib::Response& res);
  std::string statsJson() const;

  RelayStore& m_store;
  const PollerStats& m_origin;
  std::unique_ptr<data::Source> m_photoSource;
  std::mutex m_photoMutex;
  std::string m_host;
  int m_port;
  std::unique_ptr<httplib::Server> m_server;
  int m_listenSocket = -1;
  std::atomic<bool> m_serveEnded{false};
  std::atomic<uint64_t> m_latestRequests{0}, m_documentRequests{0}, m_notModified{0},
      m_photoRequests{0}, m_changesRequests{0};
};

}  // namespace pantau::relay
