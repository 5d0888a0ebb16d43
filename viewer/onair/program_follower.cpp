#include "program_follower.hpp"

#include <httplib.h>

#include <cstdio>

namespace pantau::viewer::onair {

using data::Error;
using data::ErrorCode;

data::Result<std::unique_ptr<ProgramFollower>> ProgramFollower::start(const std::string& url,
                                                                      std::string token,
                                                                      int pollMs) {
  if (!url.starts_with("http://") || url.size() <= 7)
    return Error{ErrorCode::Type, "--follow " + url + ": not http://HOST:PORT"};
  std::unique_ptr<ProgramFollower> f(new ProgramFollower);
  f->m_url = url;
  while (!f->m_url.empty() && f->m_url.back() == '/') f->m_url.pop_back();
  f->m_token = std::move(token);
  f->m_pollMs = pollMs;
  f->m_thread = std::thread([raw = f.get()] { raw->run(); });
  return f;
}

ProgramFollower::~ProgramFollower() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_cv.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

std::optional<ProgramCue> ProgramFollower::latest() const {
  std::lock_guard lock(m_mutex);
  return m_latest;
}

std::string ProgramFollower::lastError() const {
  std::lock_guard lock(m_mutex);
  return m_error;
}

void ProgramFollower::run() {
  httplib::Client cli(m_url);
  cli.set_connection_timeout(0, 300'000);  // a leader on the wall's network answers in ms
  cli.set_read_timeout(1, 0);
  cli.set_keep_alive(true);
  if (!m_token.empty()) cli.set_bearer_token_auth(m_token);
  std::unique_lock lock(m_mutex);
  while (!m_stop) {
    lock.unlock();
    auto r = cli.Get("/program");
    if (r)
      take(r->status, r->body, {});
    else
      take(0, {}, "not answering (" + httplib::to_string(r.error()) + ")");
    lock.lock();
    m_cv.wait_for(lock, std::chrono::milliseconds(m_pollMs), [&] { return m_stop; });
  }
}

void ProgramFollower::take(int status, const std::string& body, const std::string& transportError) {
  std::string error = transportError;
  std::optional<ProgramCue> cue;
  if (error.empty() && status != 200) {
    error = "/program answered " + std::to_string(status);
  } else if (error.empty()) {
    auto parsed = parseProgramCue(body);
    if (!parsed)
      error = parsed.error().message;
    else
      cue = std::move(*parsed);
  }
  std::lock_guard lock(m_mutex);
  if (cue) {
    if (data::Status s = cueFollows(m_latest ? &*m_latest : nullptr, *cue); !s)
      error = s.error().message;
    else
      m_latest = std::move(cue);
  }
  m_error = error;
  if (!error.empty() && error != m_said) {  // each new trouble once, not at every poll
    std::fprintf(stderr, "pantau: --follow %s: %s; the wall keeps %s\n", m_url.c_str(),
                 error.c_str(),
                 m_latest ? ("cue " + std::to_string(m_latest->seq)).c_str() : "what it shows");
  }
  m_said = error;
}

}  // namespace pantau::viewer::onair
