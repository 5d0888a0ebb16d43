#pragma once
// Starts the real pantau-sim binary on a free loopback port for a test and stops it with SIGTERM.
// Readiness is awaited by reading its "listening on http://HOST:PORT" line, never by sleeping.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

namespace pantau::test {

class SimProcess {
 public:
  explicit SimProcess(std::vector<std::string> args) { start(std::move(args)); }
  ~SimProcess() { stop(); }
  SimProcess(const SimProcess&) = delete;
  SimProcess& operator=(const SimProcess&) = delete;

  bool ok() const { return m_port > 0; }
  int port() const { return m_port; }
  const std::string& url() const { return m_url; }
  const std::string& line() const { return m_line; }

  /// SIGTERM, then the exit status (0 expected), or -1 if it was not running.
  int stop() {
    if (m_pid <= 0) return m_status;
    ::kill(m_pid, SIGTERM);
    int st = 0;
    ::waitpid(m_pid, &st, 0);
    m_pid = -1;
    if (m_out) std::fclose(m_out);
    m_out = nullptr;
    m_status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return m_status;
  }

 private:
  void start(std::vector<std::string> args) {
    int fds[2];
    if (::pipe(fds) != 0) return;
    m_pid = ::fork();
    if (m_pid == 0) {
      ::dup2(fds[1], 1);
      ::close(fds[0]);
      ::close(fds[1]);
      std::vector<char*> argv;
      std::string bin = PANTAU_BIN_DIR "/pantau-sim";
      argv.push_back(bin.data());
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(bin.c_str(), argv.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    m_out = ::fdopen(fds[0], "r");
    char buf[256];
    if (m_out && std::fgets(buf, sizeof buf, m_out)) {  // blocks until the sim is ready (or dies)
      m_line = buf;
      if (!m_line.empty() && m_line.back() == '\n') m_line.pop_back();
      const std::string prefix = "listening on ";
      if (m_line.rfind(prefix, 0) == 0) {
        m_url = m_line.substr(prefix.size());
        m_port = std::atoi(m_url.c_str() + m_url.rfind(':') + 1);
      }
    }
  }

  pid_t m_pid = -1;
  FILE* m_out = nullptr;
  int m_port = -1;
  int m_status = -1;
  std::string m_url, m_line;
};

}  // namespace pantau::test
