#pragma once
// nginx (Debian's package) in the foreground under a private prefix on 127.0.0.1, as a caching
// reverse proxy in front of a loopback origin: the cache tier of the end-to-end suites and the
// relay benchmark. Killed (and waited for) on destruction.

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>

namespace pantau::test {

/// A port free a moment ago (another process may take it before it is bound: callers retry).
inline int freeLoopbackPort() {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(s);
  return ntohs(a.sin_port);
}

/// The location blocks of the server, given the origin's port.
using NginxLocations = std::function<std::string(int originPort)>;

/// The cache tier in front of the recap API: every document cached for its max-age.
inline std::string sirekapLocations(int originPort) {
  return "    location / {\n"
         "      proxy_pass http://127.0.0.1:" +
         std::to_string(originPort) +
         ";\n"
         "      proxy_http_version 1.1;\n      proxy_set_header Connection \"\";\n"
         "      proxy_cache sirekap;\n"
         "      proxy_cache_lock on;\n"           // one origin fetch per document at a time
         "      proxy_cache_lock_timeout 60s;\n"  // even on a loaded CI machine (default 5 s)
         "      proxy_cache_lock_age 60s;\n"
         "      proxy_cache_revalidate on;\n"  // conditional requests to the origin
         "      proxy_cache_use_stale error timeout updating http_500 http_502 http_503 http_504;\n"
         "      proxy_cache_background_update on;\n"
         "      add_header X-Cache-Status $upstream_cache_status;\n"
         "    }\n";
}

/// The cache tier in front of pantau-relay (README "Many screens: the relay"): a version's
/// documents are immutable, so /v/ is cached for as long as the relay says (a year); /latest for
/// its one second, refreshed in the background while the stale one is served.
inline std::string relayLocations(int relayPort) {
  const std::string upstream =
      "      proxy_pass http://127.0.0.1:" + std::to_string(relayPort) +
      ";\n"
      "      proxy_http_version 1.1;\n      proxy_set_header Connection \"\";\n"
      "      proxy_cache sirekap;\n      proxy_cache_lock on;\n"
      "      proxy_cache_lock_timeout 60s;\n      proxy_cache_lock_age 60s;\n"
      "      add_header X-Cache-Status $upstream_cache_status;\n";
  return "    location /v/ {\n" + upstream +
         "      proxy_cache_valid 404 410 60s;\n"
         "    }\n"
         "    location = /latest {\n" +
         upstream +
         "      proxy_cache_revalidate on;\n"
         "      proxy_cache_use_stale updating error timeout http_502 http_503 http_504;\n"
         "      proxy_cache_background_update on;\n"
         "    }\n";
}

class NginxProcess {
 public:
  NginxProcess(int originPort, NginxLocations locations = sirekapLocations, int workers = 1)
      : m_locations(std::move(locations)), m_workers(workers) {
    m_dir = (std::filesystem::temp_directory_path() /
             ("pantau_" + std::to_string(::getpid()) + "_nginx"))
                .string();
    // A free port can be taken by another test between our probe and nginx's bind: try a few.
    for (int attempt = 0; attempt < 5 && !m_ready; ++attempt) start(originPort);
  }
  ~NginxProcess() {
    stopNginx();
    std::filesystem::remove_all(m_dir);
  }
  NginxProcess(const NginxProcess&) = delete;
  NginxProcess& operator=(const NginxProcess&) = delete;

  bool ready() const { return m_ready; }
  int port() const { return m_port; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

 private:
  void start(int originPort) {
    stopNginx();
    std::filesystem::remove_all(m_dir);
    std::filesystem::create_directories(m_dir + "/cache");
    m_port = freeLoopbackPort();
    std::ofstream conf(m_dir + "/nginx.conf");
    conf << (::geteuid() == 0 ? "user root;\n" : "") << "worker_processes " << m_workers << ";\n"
         << "error_log " << m_dir << "/error.log warn;\npid " << m_dir << "/nginx.pid;\n"
         << "events { worker_connections 4096; }\n"
         << "http {\n  access_log off;\n"
         << "  client_body_temp_path " << m_dir << "/body; proxy_temp_path " << m_dir << "/proxy;\n"
         << "  fastcgi_temp_path " << m_dir << "/fcgi; uwsgi_temp_path " << m_dir
         << "/uwsgi; scgi_temp_path " << m_dir << "/scgi;\n"
         << "  proxy_cache_path " << m_dir
         << "/cache levels=1:2 keys_zone=sirekap:10m max_size=1g inactive=10m use_temp_path=off;\n"
         << "  server {\n    listen 127.0.0.1:" << m_port << " backlog=4096;\n"
         << "    location = /nginx-readiness-probe { return 204; }\n"  // never reaches the origin
         << m_locations(originPort) << "  }\n}\n";
    conf.close();
    m_pid = ::fork();
    if (m_pid == 0) {
      ::execl("/usr/sbin/nginx", "nginx", "-p", m_dir.c_str(), "-c",
              (m_dir + "/nginx.conf").c_str(), "-g", "daemon off;", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    // Await the listener: nginx has no readiness signal, so connect until nginx itself answers,
    // with a deadline (15 s, for a loaded sanitizer build) and a 5 ms pause between refused tries.
    // The Server header proves it is nginx, not some other process that got the port.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (!m_ready && std::chrono::steady_clock::now() < deadline) {
      int st = 0;
      if (::waitpid(m_pid, &st, WNOHANG) == m_pid) {  // nginx exited: the port was taken
        m_pid = -1;
        return;
      }
      httplib::Client c("127.0.0.1", m_port);
      c.set_connection_timeout(0, 200000);
      if (auto r = c.Get("/nginx-readiness-probe");
          r && r->status == 204 && r->get_header_value("Server").rfind("nginx", 0) == 0)
        m_ready = true;
      else
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  void stopNginx() {
    if (m_pid > 0) {
      ::kill(m_pid, SIGQUIT);
      int st;
      ::waitpid(m_pid, &st, 0);
    }
    m_pid = -1;
  }

  NginxLocations m_locations;
  int m_workers = 1;
  std::string m_dir;
  int m_port = 0;
  pid_t m_pid = -1;
  bool m_ready = false;
};

}  // namespace pantau::test
