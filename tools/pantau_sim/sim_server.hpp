#pragma once
// pantau-sim's HTTP face: the Sirekap layout over cpp-httplib, with CDN-like caching headers,
// conditional requests, gzip, and the fault injection that election night needs rehearsing for.

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "legislative_documents.hpp"
#include "night_model.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace pantau::sim {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;
  double speed = 1;         ///< simulated seconds per real second
  int64_t at = 0;           ///< simulated start (epoch UTC)
  bool final = false;       ///< serve the end state, time frozen
  double failRate = 0;      ///< fraction of document requests answered 5xx or dropped
  int latencyMs = 0;        ///< added to every document request
  std::string candidatesJson;  ///< /pemilu/ppwp.json, served as KPU published it
  /// The DPR and DPD (null: the presidential race alone), which of them, and /pemilu/partai.json.
  std::shared_ptr<LazyLegislative> legislative;
  ContestSet contests;
  std::string partaiJson;
};

class SimServer {
 public:
  SimServer(std::shared_ptr<const NightModel> model, ServerOptions options);
  ~SimServer();

  /// Binds (port 0 = any free port); returns the bound port or -1.
  int bind();
  /// Serves until stop(); returns false if the listener failed.
  bool serve();
  /// Stops serve(). Safe from another thread at any time, also before serve() has started
  /// listening (a SIGTERM right after the ready line): the stop waits until it can take effect.
  void stop();

  int64_t now() const;  ///< simulated time

 private:
  struct Fault {
    std::string kind;
    int remaining = 0;
  };

  void handle(const httplib::Request& req, httplib::Response& res);
  void handleControl(const httplib::Request& req, httplib::Response& res);
  bool injectFault(const std::string& path, httplib::Response& res);
  void serveDocument(const httplib::Request& req, httplib::Response& res, std::string body,
                     int64_t lastModified, int maxAge, const char* contentType);
  std::string truthJson() const;
  std::string statsJson(const std::string& path, bool repeats);

  std::shared_ptr<const NightModel> m_model;
  ServerOptions m_options;
  std::unique_ptr<httplib::Server> m_server;
  std::string m_base;  ///< http://host:port, for image URLs
  int64_t m_startReal = 0;
  int m_listenSocket = -1;
  std::atomic<bool> m_serveEnded{false};

  std::atomic<uint64_t> m_requests{0}, m_bytes{0}, m_notModified{0}, m_errors{0};
  std::mutex m_mutex;  ///< guards the two maps below
  std::unordered_map<std::string, uint64_t> m_pathCounts;
  std::map<std::string, Fault> m_faults;
  std::size_t m_faultBytes = 0;  ///< paths and kinds held in m_faults
  static constexpr std::size_t kMaxControlBody = 64 * 1024;
  static constexpr std::size_t kMaxFaultBytes = 1 << 20;
};

}  // namespace pantau::sim
