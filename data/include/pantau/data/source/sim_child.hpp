#pragma once
/// Runs pantau-sim as a child process on a free loopback port: the embedded election night of
/// the viewer's demo and headless mode, and the server of the end-to-end tests and benchmarks.
/// Readiness is awaited by reading its one "listening on http://HOST:PORT" line, never by sleeping.
///
/// Threading: one owner; the destructor stops the child (SIGTERM) and reaps it.

#include <sys/types.h>

#include <cstdio>
#include <string>
#include <vector>

namespace pantau::data {

class SimChild {
 public:
  /// `binary`: the pantau-sim executable; empty = the one beside the running executable.
  SimChild(std::vector<std::string> args, std::string binary = {});
  ~SimChild();
  SimChild(const SimChild&) = delete;
  SimChild& operator=(const SimChild&) = delete;

  bool ok() const { return m_port > 0; }
  int port() const { return m_port; }
  const std::string& url() const { return m_url; }    ///< http://127.0.0.1:PORT
  const std::string& line() const { return m_line; }  ///< its first line (the error, if it failed)

  /// SIGTERM, then its exit status (0 expected); the status again on later calls.
  int stop();

 private:
  pid_t m_pid = -1;
  FILE* m_out = nullptr;
  int m_port = -1;
  int m_status = -1;
  std::string m_url, m_line;
};

}  // namespace pantau::data
