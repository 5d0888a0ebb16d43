#pragma once
// The on-air e2e tests' child process: pantau (or a wrapper such as xvfb-run) with its stdout on
// a pipe, read line by line; SIGTERM and its exit status.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

namespace pantau::test {

/// pantau as a child with its stdout on a pipe; SIGTERM on destruction.
class OnAirChild {
 public:
  /// pantau with `args`; or, with `program` given, that program (e.g. xvfb-run) with `args`.
  explicit OnAirChild(const std::vector<std::string>& args,
                      const std::string& program = PANTAU_BIN_DIR "/pantau") {
    int fds[2];
    if (pipe(fds) != 0) return;
    m_pid = fork();
    if (m_pid == 0) {
      dup2(fds[1], 1);
      close(fds[0]);
      std::vector<char*> argv{const_cast<char*>(program.c_str())};
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execvp(argv[0], argv.data());
      _exit(127);
    }
    close(fds[1]);
    m_out = fdopen(fds[0], "r");
  }
  ~OnAirChild() {
    if (m_pid > 0 && m_status < 0) stop();
    if (m_out) fclose(m_out);
  }
  /// The next line it prints (blocks until it does, or it exits).
  std::string line() {
    char buf[512];
    return m_out && fgets(buf, sizeof buf, m_out) ? std::string(buf) : std::string();
  }
  /// SIGTERM, then its exit status.
  int stop() { return stop(m_pid); }
  /// SIGTERM to `pid` (the program itself when the child is a wrapper), then the child's status.
  int stop(pid_t pid) {
    kill(pid, SIGTERM);
    return wait();
  }
  int wait() {
    int st = 0;
    waitpid(m_pid, &st, 0);
    m_status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return m_status;
  }

 private:
  pid_t m_pid = -1;
  FILE* m_out = nullptr;
  int m_status = -1;
};

}  // namespace pantau::test
