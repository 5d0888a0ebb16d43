#pragma once
// OSC control (`--osc-port PORT`) for stream decks that speak OSC (Bitfocus Companion): the HTTP
// control API's verbs as OSC addresses over UDP, read with liblo.
//   /pantau/next /pantau/prev /pantau/take /pantau/hold /pantau/resume   (arguments ignored: a
//   button's 1 or 1.0 is fine), /pantau/cue i (an item) or s (a name), /pantau/show s VIEW [s
//   LAYER]
// Each command is answered to the sender's address: /pantau/state s JSON (GET /state's) after it,
// or /pantau/error s MESSAGE naming what was wrong.
// OSC has no authentication: the socket binds 127.0.0.1 only (a deck on another machine drives
// the HTTP API with --control-token).
//
// Threading: a receiving thread decodes datagrams and queues commands; poll() applies them on the
// on-air loop's thread and sends the replies from there. The destructor joins the thread.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include <netinet/in.h>

#include "control_server.hpp"
#include "osc_command.hpp"
#include "pantau/data/base/result.hpp"

namespace pantau::viewer::onair {

class OscControl {
 public:
  /// Binds 127.0.0.1:`port` (0: any free one) and starts receiving.
  static data::Result<std::unique_ptr<OscControl>> start(int port);
  ~OscControl();
  OscControl(const OscControl&) = delete;
  OscControl& operator=(const OscControl&) = delete;

  int port() const { return m_port; }
  /// "osc.udp://127.0.0.1:PORT/"
  std::string url() const;
  /// The on-air loop: applies the commands received since the last call; their answers wait for
  /// answer() (called once the HTTP API has published the state too, so a deck that reads GET
  /// /state after an answer sees what it did).
  void poll(const std::function<ControlReply(const ControlCommand&)>& apply,
            const std::function<ControlState()>& state);
  void answer();

 private:
  OscControl() = default;
  struct Received;
  void run();

  int m_socket = -1, m_port = 0;
  std::thread m_thread;
  std::atomic<bool> m_stop{false};
  std::mutex m_mutex;
  std::deque<std::shared_ptr<Received>> m_queue;
  std::vector<std::pair<sockaddr_in, std::string>> m_answers;  ///< (to, "/pantau/state" or error)
};

}  // namespace pantau::viewer::onair
