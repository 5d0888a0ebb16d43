// pantau-sim end to end: the real binary on 127.0.0.1, real HTTP (cpp-httplib's client), and
// Pantau's own parser reading what it serves.

#include <gtest/gtest.h>
#include <httplib.h>

#include <regex>

#include "pantau/data/sirekap/sirekap_parser.hpp"
#include "sim_process.hpp"

using namespace pantau::data;
using pantau::test::SimProcess;

namespace {

httplib::Result get(const SimProcess& sim, const std::string& path, httplib::Headers headers = {}) {
  httplib::Client cli("127.0.0.1", sim.port());
  cli.set_read_timeout(10, 0);
  cli.set_decompress(false);
  return cli.Get(path, headers);
}

Aggregate aggregate(const SimProcess& sim, const std::string& path) {
  auto r = get(sim, path);
  Aggregate a;
  EXPECT_TRUE(r && r->status == 200) << path;
  if (!r) return a;
  SirekapParser parser;
  Status s = parser.parseAggregate(std::string_view(r->body), a);
  EXPECT_TRUE(s) << path << ": " << (s ? "" : s.error().message);
  return a;
}

uint64_t votesOf(const Aggregate&, std::span<const VoteCount> v, CandidateId c) {
  for (const auto& x : v)
    if (x.candidate == c) return x.votes;
  return 0;
}

}  // namespace

TEST(Sim, ReadyLineAndCleanExitOnSigterm) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok()) << sim.line();
  EXPECT_TRUE(std::regex_match(sim.line(), std::regex(R"(listening on http://127\.0\.0\.1:\d+)"))) << sim.line();
  EXPECT_EQ(sim.stop(), 0);
}

TEST(Sim, EveryLevelParsesAndAggregatesAreSumsOfChildren) {
  SimProcess sim({"--final", "--seed", "3"});
  ASSERT_TRUE(sim.ok());
  Aggregate nation = aggregate(sim, "/pemilu/hhcw/ppwp.json");
  ASSERT_EQ(nation.rows.size(), 39u);
  for (CandidateId c : {100025u, 100026u, 100027u}) {
    uint64_t sum = 0;
    for (const auto& row : nation.rows) sum += votesOf(nation, nation.votes(row), c);
    EXPECT_EQ(sum, votesOf(nation, nation.chart, c));
  }
  // A province's row in the nation equals the province's own chart, and so on down.
  const char* chain[] = {"/pemilu/hhcw/ppwp/35.json", "/pemilu/hhcw/ppwp/35/3578.json",
                         "/pemilu/hhcw/ppwp/35/3578/357801.json", "/pemilu/hhcw/ppwp/35/3578/357801/3578011001.json"};
  const char* codes[] = {"35", "3578", "357801", "3578011001"};
  Aggregate parent = nation;
  for (int i = 0; i < 4; ++i) {
    Aggregate child = aggregate(sim, chain[i]);
    const AggregateRow* row = nullptr;
    for (const auto& r : parent.rows)
      if (r.code.view() == codes[i]) row = &r;
    ASSERT_TRUE(row) << codes[i];
    EXPECT_EQ(votesOf(parent, parent.votes(*row), 100026), votesOf(child, child.chart, 100026)) << codes[i];
    uint64_t sum = 0;
    for (const auto& r : child.rows) sum += votesOf(child, child.votes(r), 100026);
    EXPECT_EQ(sum, votesOf(child, child.chart, 100026)) << codes[i];
    parent = child;
  }
  EXPECT_EQ(parent.childLevel, Level::Tps);

  // A TPS document, its form image, region lists, candidates.
  auto tps = get(sim, "/pemilu/hhcw/ppwp/35/3578/357801/3578011001/3578011001001.json");
  ASSERT_TRUE(tps && tps->status == 200);
  SirekapParser parser;
  TpsDetail t;
  ASSERT_TRUE(parser.parseTps(std::string_view(tps->body), t));
  if (t.chartPresent) {
    ASSERT_EQ(t.images.size(), 3u);
    const std::string url = *t.images[1];
    const std::string path = url.substr(url.find('/', 8));
    auto img = get(sim, path);
    ASSERT_TRUE(img && img->status == 200) << path;
    EXPECT_EQ(img->get_header_value("Content-Type"), "image/jpeg");
    EXPECT_GT(img->body.size(), 10000u);
    EXPECT_EQ(static_cast<unsigned char>(img->body[0]), 0xFF);
    EXPECT_EQ(static_cast<unsigned char>(img->body[1]), 0xD8);
  }
  RegionList list;
  auto provinces = get(sim, "/wilayah/pemilu/ppwp/0.json");
  ASSERT_TRUE(provinces && parser.parseRegionList(std::string_view(provinces->body), list));
  EXPECT_EQ(list.regions.size(), 39u);
  auto tpsList = get(sim, "/wilayah/pemilu/ppwp/11/1101/110101/1101012001.json");
  ASSERT_TRUE(tpsList && parser.parseRegionList(std::string_view(tpsList->body), list));
  EXPECT_EQ(list.regions.size(), 3u);
  CandidateList cands;
  auto c = get(sim, "/pemilu/ppwp.json");
  ASSERT_TRUE(c && parser.parseCandidates(std::string_view(c->body), cands));
  EXPECT_EQ(cands.candidates.size(), 3u);
}

TEST(Sim, FinalNationalSharesWithinOnePointOfTheRealOnes) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  Aggregate nation = aggregate(sim, "/pemilu/hhcw/ppwp.json");
  double total = 0;
  for (const auto& v : nation.chart) total += static_cast<double>(v.votes);
  const std::pair<CandidateId, double> real[] = {{100025, 24.50}, {100026, 58.82}, {100027, 16.68}};
  for (auto [id, share] : real) EXPECT_NEAR(100.0 * static_cast<double>(votesOf(nation, nation.chart, id)) / total, share, 1.0) << id;
  EXPECT_EQ(nation.progressTotal, 822116u);
  const double reported = 100.0 * nation.progressReported / nation.progressTotal;
  EXPECT_GT(reported, 75.0);
  EXPECT_LT(reported, 85.0);
}

TEST(Sim, CountsStartAtZeroAndGrowThroughTheNight) {
  SimProcess closing({"--at", "2024-02-14 11:00", "--speed", "0"});
  SimProcess evening({"--at", "2024-02-14 19:00", "--speed", "0"});
  ASSERT_TRUE(closing.ok() && evening.ok());
  Aggregate a = aggregate(closing, "/pemilu/hhcw/ppwp.json");
  Aggregate b = aggregate(evening, "/pemilu/hhcw/ppwp.json");
  EXPECT_EQ(a.progressReported, 0u);
  EXPECT_GT(b.progressReported, 100000u);
  EXPECT_LT(b.progressReported, 600000u);
}

TEST(Sim, SameFlagsServeIdenticalBytes) {
  SimProcess a({"--final", "--seed", "7", "--anomaly-rate", "0.01"});
  SimProcess b({"--final", "--seed", "7", "--anomaly-rate", "0.01"});
  SimProcess c({"--final", "--seed", "8", "--anomaly-rate", "0.01"});
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  for (const char* path : {"/pemilu/hhcw/ppwp.json", "/pemilu/hhcw/ppwp/92/9202.json",
                           "/pemilu/hhcw/ppwp/11/1101/110101/1101012001.json", "/_sim/truth"}) {
    auto ra = get(a, path), rb = get(b, path), rc = get(c, path);
    ASSERT_TRUE(ra && rb && rc);
    EXPECT_EQ(ra->body, rb->body) << path;
    EXPECT_EQ(ra->get_header_value("ETag"), rb->get_header_value("ETag")) << path;
    if (std::string(path) != "/pemilu/hhcw/ppwp/11/1101/110101/1101012001.json") {
      EXPECT_NE(ra->body, rc->body) << path;
    }
  }
}

TEST(Sim, ConditionalRequestsGzipAndCacheControl) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  auto first = get(sim, "/pemilu/hhcw/ppwp/35.json");
  ASSERT_TRUE(first && first->status == 200);
  const std::string etag = first->get_header_value("ETag");
  const std::string lastModified = first->get_header_value("Last-Modified");
  EXPECT_FALSE(etag.empty());
  EXPECT_FALSE(lastModified.empty());
  EXPECT_EQ(first->get_header_value("Cache-Control"), "public, max-age=30");
  auto again = get(sim, "/pemilu/hhcw/ppwp/35.json", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  auto since = get(sim, "/pemilu/hhcw/ppwp/35.json", {{"If-Modified-Since", lastModified}});
  ASSERT_TRUE(since);
  EXPECT_EQ(since->status, 304);
  auto stale = get(sim, "/pemilu/hhcw/ppwp/35.json", {{"If-None-Match", "\"0000000000000000\""}});
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 200);
  auto gz = get(sim, "/pemilu/hhcw/ppwp/35.json", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(gz && gz->status == 200);
  EXPECT_EQ(gz->get_header_value("Content-Encoding"), "gzip");
  EXPECT_LT(gz->body.size(), first->body.size() / 2);
  auto stats = get(sim, "/_sim/stats");
  ASSERT_TRUE(stats);
  EXPECT_NE(stats->body.find("\"not_modified\": 2"), std::string::npos) << stats->body;
}

TEST(Sim, UnknownAndHostilePathsAre404) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  for (const char* path : {"/pemilu/hhcw/ppwp/../../etc/passwd", "/pemilu/hhcw/ppwp/11/1201.json",
                           "/pemilu/hhcw/ppwp/11/1101/.json", "/pemilu/hhcw/ppwp/1a.json",
                           "/pemilu/hhcw/ppwp/11/1101/", "/wilayah/pemilu/ppwp/11/1101/110101/1101012001/1101012001001.json",
                           "/nothing", "/2851/pemilu/ppwp/31/01/01/10/01/3101011001001-x.jpg"}) {
    auto r = get(sim, path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 404) << path;
  }
}

TEST(Sim, AnomaliesAreInTheTruthAndInTheServedNumbers) {
  SimProcess sim({"--final", "--anomaly-rate", "0.01"});
  ASSERT_TRUE(sim.ok());
  auto truth = get(sim, "/_sim/truth");
  ASSERT_TRUE(truth && truth->status == 200);
  std::smatch m;
  std::regex entry(R"re(\{"tps": "([0-9A-Z]{13})", "kind": "([a-z_]+)", "served_votes")re");
  std::vector<std::pair<std::string, std::string>> found;
  for (auto it = std::sregex_iterator(truth->body.begin(), truth->body.end(), entry); it != std::sregex_iterator(); ++it)
    found.emplace_back((*it)[1], (*it)[2]);
  // About 1% of the ~657k reporting TPS.
  EXPECT_GT(found.size(), 5000u);
  EXPECT_LT(found.size(), 8000u);
  SirekapParser parser;
  int checked = 0;
  for (std::size_t i = 0; i < found.size() && checked < 30; i += found.size() / 30, ++checked) {
    const std::string& code = found[i].first;
    std::string path = "/pemilu/hhcw/ppwp/" + code.substr(0, 2) + "/" + code.substr(0, 4) + "/" + code.substr(0, 6) + "/" +
                       code.substr(0, 10) + "/" + code + ".json";
    auto r = get(sim, path);
    ASSERT_TRUE(r && r->status == 200) << path;
    TpsDetail t;
    ASSERT_TRUE(parser.parseTps(std::string_view(r->body), t));
    uint32_t sum = 0, max = 0;
    for (const auto& v : t.chart) sum += v.votes, max = std::max(max, v.votes);
    const Administrasi& a = *t.administrasi;
    if (found[i].second == "hundreds_digit") {
      EXPECT_GE(max, 500u) << code;
    }
    if (found[i].second == "dpt_misread") {
      EXPECT_GT(sum, a.pemilihDpt[0]) << code;
    } else {
      EXPECT_NE(sum, a.suaraSah) << code;
    }
  }
}

TEST(Sim, FailRateInjectsErrorsAndDroppedConnections) {
  SimProcess sim({"--final", "--fail-rate", "0.5"});
  ASSERT_TRUE(sim.ok());
  int ok = 0, unavailable = 0, broken = 0;
  for (int i = 0; i < 60; ++i) {
    auto r = get(sim, "/pemilu/hhcw/ppwp/11.json");
    if (!r) ++broken;
    else if (r->status == 503) ++unavailable;
    else if (r->status == 200) ++ok;
  }
  EXPECT_GT(ok, 10);
  EXPECT_GT(unavailable, 5);
  EXPECT_GT(broken, 5);
}
