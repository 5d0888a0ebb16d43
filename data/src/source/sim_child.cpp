#include "pantau/data/source/sim_child.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace pantau::data {

SimChild::SimChild(std::vector<std::string> args, std::string binary) {
  if (binary.empty()) {
    std::error_code ec;
    binary = (std::filesystem::read_symlink("/proc/self/exe", ec).parent_path() / "pantau-sim").string();
  }
  // argv is built before the fork: the child of a process with other threads (a still loads its
  // data beside Mesa's start) calls only async-signal-safe functions until exec.
  std::vector<char*> argv{binary.data()};
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int fds[2];
  if (::pipe(fds) != 0) return;
  m_pid = ::fork();
  if (m_pid == 0) {
    ::dup2(fds[1], 1);
    ::close(fds[0]);
    ::close(fds[1]);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  m_out = ::fdopen(fds[0], "r");
  char buf[256];
  if (m_out && std::fgets(buf, sizeof buf, m_out)) {  // blocks until the sim is ready, or dies
    m_line = buf;
    if (!m_line.empty() && m_line.back() == '\n') m_line.pop_back();
    const std::string prefix = "listening on ";
    if (m_line.rfind(prefix, 0) == 0) {
      m_url = m_line.substr(prefix.size());
      m_port = std::atoi(m_url.c_str() + m_url.rfind(':') + 1);
    }
  }
}

SimChild::~SimChild() { stop(); }

int SimChild::stop() {
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

}  // namespace pantau::data
