#pragma once
// A video wall tile following an on-air leader (`--follow http://HOST:PORT`): polls the leader's
// GET /program on its own thread and keeps the newest good cue. A bad answer (malformed, over
// 4 KB, a seq going back, the same seq saying something else) is refused with a message on
// stderr naming what was wrong, and the last good cue stays; a leader that does not answer
// leaves it too (the wall keeps the item it shows).
//
// Threading: start() and the destructor on one thread; latest() and lastError() from any.

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "pantau/data/base/result.hpp"
#include "program_cue.hpp"

namespace pantau::viewer::onair {

class ProgramFollower {
 public:
  /// `url`: http://HOST:PORT (the leader's --control); `token`: its --control-token, if any.
  static data::Result<std::unique_ptr<ProgramFollower>> start(const std::string& url,
                                                              std::string token, int pollMs = 100);
  ~ProgramFollower();
  ProgramFollower(const ProgramFollower&) = delete;
  ProgramFollower& operator=(const ProgramFollower&) = delete;

  /// The newest good cue (none before the first).
  std::optional<ProgramCue> latest() const;
  /// Why the last poll gave no good cue; empty when it did.
  std::string lastError() const;

 private:
  ProgramFollower() = default;
  void run();
  void take(int status, const std::string& body, const std::string& transportError);

  std::string m_url, m_token;
  int m_pollMs = 100;
  std::thread m_thread;
  mutable std::mutex m_mutex;
  std::condition_variable m_cv;
  bool m_stop = false;
  std::optional<ProgramCue> m_latest;
  std::string m_error, m_said;  ///< the last error, and the last one said on stderr
};

}  // namespace pantau::viewer::onair
