#pragma once
// The on-air control API (`--control HOST:PORT`): HTTP for stream decks and scripts.
//   GET /state, GET /rundown, GET /program (the cue a video wall follows); POST /next /prev /take /cue?item=N|name=S /hold /resume
//   /show?view=CODE&layer=L. Unknown paths 404, bad arguments 400, each with {"error": "..."}.
// With a token (required to bind beyond loopback) every request needs `Authorization: Bearer T`.
//
// Threading: requests are served on cpp-httplib's threads; a command waits there until the on-air
// loop applies it (poll(), on the loop's thread) and answers with the state after it, so a
// client that POSTs /next and then GETs /state sees the new item.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "pantau/data/base/result.hpp"

namespace httplib {
class Server;
}

namespace pantau::viewer::onair {

/// GET /state, exactly the fields.
struct ControlState {
  int item = 0;  ///< index in the rundown, -1 for an ad-hoc or breaking item
  std::string name, view, layer;
  int next = -1;
  bool playing = false, held = false;
  uint64_t version = 0;  ///< the data's snapshot version on air
  double fps = 25;       ///< frames per second measured over the last second
  uint64_t droppedFrames = 0;
};
std::string stateJson(const ControlState& s);

struct ControlCommand {
  enum Verb { Next, Prev, Take, Cue, Hold, Resume, Show } verb = Next;
  int item = -1;            ///< cue: by index
  std::string name;         ///< cue: by name
  std::string view, layer;  ///< show
};
/// What applying a command gave: empty error = done; else a 400 naming what was wrong.
struct ControlReply {
  std::string error;
};

/// HOST:PORT (or :PORT, or PORT) to host and port; host defaults to 127.0.0.1.
data::Result<std::pair<std::string, int>> parseHostPort(const std::string& spec);
/// 127.0.0.0/8, ::1 and localhost: a bind that no other machine can reach.
bool isLoopback(const std::string& host);

class ControlServer {
 public:
  /// Binds (port 0: any free one). Beyond loopback an empty token is refused.
  static data::Result<std::unique_ptr<ControlServer>> start(const std::string& host, int port,
                                                            std::string token);
  ~ControlServer();
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  int port() const { return m_port; }
  const std::string& host() const { return m_host; }
  /// "http://HOST:PORT"
  std::string url() const;

  /// The on-air loop: applies the commands waiting (each answered with the state after it) and
  /// publishes the current state and rundown for the GETs.
  void poll(const std::function<ControlReply(const ControlCommand&)>& apply,
            const std::function<ControlState()>& state);
  /// The program cue as JSON (GET /program: what a video wall's tiles follow); set when it
  /// changes. Until the first, GET /program answers 503.
  void setProgramJson(std::string json);
  /// Whether a command waits for the loop (any thread).
  bool hasPending();
  /// The expanded rundown as JSON (GET /rundown); set when it changes.
  void setRundownJson(std::string json);

 private:
  ControlServer() = default;
  struct Pending;
  void routes();
  /// Queues a command and waits for the loop (at most a few seconds: a stalled loop answers 503).
  std::pair<int, std::string> submit(ControlCommand command);

  std::unique_ptr<httplib::Server> m_server;
  std::thread m_thread;
  std::string m_host, m_token;
  int m_port = 0;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::deque<std::shared_ptr<Pending>> m_queue;
  std::string m_stateJson = "{}", m_rundownJson = "[]", m_programJson;
};

}  // namespace pantau::viewer::onair
