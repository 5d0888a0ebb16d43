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
#include "nginx_process.hpp"
#include "sim_process.hpp"
#include "test_support.hpp"

using namespace pantau::data;
using pantau::test::SimProcess;

namespace {

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
  pantau::test::NginxProcess nginx(sim.port());
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
