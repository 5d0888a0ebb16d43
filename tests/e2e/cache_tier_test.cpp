// A real cache tier: nginx (Debian's package) on loopback as a caching reverse proxy in front of
// pantau-sim, many live clients through it. The origin must see at most one request per document
// per max-age window, while every client shows the origin's current numbers.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "pantau/data/source/live_client.hpp"
#include "sim_process.hpp"
#include "test_support.hpp"

using namespace pantau::data;
using pantau::test::SimProcess;

namespace {

int freePort() {
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

/// nginx in the foreground under a private prefix; killed (and waited for) on destruction.
class Nginx {
 public:
  Nginx(int originPort) {
    m_dir = pantau::test::tempPath("nginx_");
    // A free port can be taken by another test between our probe and nginx's bind: try a few.
    for (int attempt = 0; attempt < 5 && !m_ready; ++attempt) start(originPort);
  }
  void start(int originPort) {
    stopNginx();
    std::filesystem::remove_all(m_dir);
    std::filesystem::create_directories(m_dir + "/cache");
    m_port = freePort();
    std::ofstream conf(m_dir + "/nginx.conf");
    conf << (::geteuid() == 0 ? "user root;\n" : "") << "worker_processes 1;\n"
         << "error_log " << m_dir << "/error.log warn;\npid " << m_dir << "/nginx.pid;\n"
         << "events { worker_connections 1024; }\n"
         << "http {\n  access_log off;\n"
         << "  client_body_temp_path " << m_dir << "/body; proxy_temp_path " << m_dir << "/proxy;\n"
         << "  fastcgi_temp_path " << m_dir << "/fcgi; uwsgi_temp_path " << m_dir << "/uwsgi; scgi_temp_path " << m_dir << "/scgi;\n"
         << "  proxy_cache_path " << m_dir << "/cache levels=1:2 keys_zone=sirekap:10m max_size=1g inactive=10m use_temp_path=off;\n"
         << "  server {\n    listen 127.0.0.1:" << m_port << ";\n"
         << "    location / {\n"
         << "      proxy_pass http://127.0.0.1:" << originPort << ";\n"
         << "      proxy_http_version 1.1;\n      proxy_set_header Connection \"\";\n"
         << "      proxy_cache sirekap;\n"
         << "      proxy_cache_lock on;\n"                 // one origin fetch per document at a time
         << "      proxy_cache_lock_timeout 60s;\n"       // even on a loaded CI machine (default 5 s)
         << "      proxy_cache_lock_age 60s;\n"
         << "      proxy_cache_revalidate on;\n"           // conditional requests to the origin
         << "      proxy_cache_use_stale error timeout updating http_500 http_502 http_503 http_504;\n"
         << "      proxy_cache_background_update on;\n"
         << "      add_header X-Cache-Status $upstream_cache_status;\n"
         << "    }\n  }\n}\n";
    conf.close();
    m_pid = ::fork();
    if (m_pid == 0) {
      ::execl("/usr/sbin/nginx", "nginx", "-p", m_dir.c_str(), "-c", (m_dir + "/nginx.conf").c_str(), "-g", "daemon off;",
              static_cast<char*>(nullptr));
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
      if (auto r = c.Get("/_sim/stats"); r && r->get_header_value("Server").rfind("nginx", 0) == 0) m_ready = true;
      else std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }

  ~Nginx() {
    stopNginx();
    std::filesystem::remove_all(m_dir);
  }
  void stopNginx() {
    if (m_pid > 0) {
      ::kill(m_pid, SIGQUIT);
      int st;
      ::waitpid(m_pid, &st, 0);
    }
    m_pid = -1;
  }
  bool ready() const { return m_ready; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

 private:
  std::string m_dir;
  int m_port = 0;
  pid_t m_pid = -1;
  bool m_ready = false;
};

uint64_t originRequests(const SimProcess& sim, const std::string& path) {
  httplib::Client c("127.0.0.1", sim.port());
  auto r = c.Get(("/_sim/stats?path=" + path).c_str());
  if (!r) return UINT64_MAX;
  const auto at = r->body.find("\"path_requests\": ");
  return at == std::string::npos ? UINT64_MAX : std::stoull(r->body.substr(at + 17));
}

}  // namespace

TEST(CacheTier, NginxInFrontOfTheSimShieldsTheOriginAndKeepsClientsCurrent) {
  if (!std::filesystem::exists("/usr/sbin/nginx")) GTEST_SKIP() << "nginx is not installed (make deps installs nginx-light)";
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  Nginx nginx(sim.port());
  ASSERT_TRUE(nginx.ready());
  auto load = loadRegionTree(pantau::test::dataDir());
  ASSERT_TRUE(load);

  constexpr int kClients = 24, kRounds = 3;
  std::vector<std::shared_ptr<const Snapshot>> finals(kClients);
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      int64_t clock = 1'700'000'000'000;
      LiveOptions o;
      o.sweepDeepest = Level::Province;
      o.seed = static_cast<uint64_t>(i + 1);
      o.clockMs = [&] { return clock; };
      auto source = openSource(nginx.url());
      LiveClient live(load->tree, std::move(*source), o);
      for (int round = 0; round < kRounds; ++round) {
        while (live.runOnce() > 0) {
        }
        clock += 3'600'000;  // every document due again: each client re-polls everything
      }
      finals[i] = live.mailbox().latest();
    });
  }
  for (auto& t : threads) t.join();

  // The origin saw each document at most once, although 24 clients asked 3 times each.
  std::vector<std::string> paths{kCandidatesPath, countsPath(*load->tree, kNation)};
  for (RegionId p = load->tree->levelBegin(Level::Province); p < load->tree->levelEnd(Level::Province); ++p)
    paths.push_back(countsPath(*load->tree, p));
  for (const auto& path : paths) EXPECT_EQ(originRequests(sim, path), 1u) << path;  // once, and not zero

  // And every client shows what the origin serves now.
  httplib::Client origin("127.0.0.1", sim.port());
  auto r = origin.Get("/pemilu/hhcw/ppwp.json");
  ASSERT_TRUE(r && r->status == 200);
  SirekapParser parser;
  Aggregate nation;
  ASSERT_TRUE(parser.parseAggregate(std::string_view(r->body), nation));
  for (int i = 0; i < kClients; ++i) {
    ASSERT_TRUE(finals[i]) << i;
    EXPECT_EQ(finals[i]->health().errors, 0u) << i;
    EXPECT_EQ(finals[i]->health().requests, static_cast<uint64_t>(kRounds * paths.size())) << i;
    for (std::size_t c = 0; c < nation.chart.size(); ++c) EXPECT_EQ(finals[i]->ownVotes(kNation)[c], nation.chart[c].votes) << i;
  }
}
