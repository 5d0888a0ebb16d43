// The turnout, integrity and change layers end to end: a sim with known misreads -> pantau
// --headless -> the sidecar's per-region figures match what the sim served.

#include <gtest/gtest.h>
#include <httplib.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "pantau/data/base/file_io.hpp"
#include "sim_process.hpp"
#include "headless_shot.hpp"
#include "test_support.hpp"

using pantau::test::SimProcess;

namespace {

pantau::test::HeadlessShot shoot(const std::string& args, const std::string& name) {
  return pantau::test::shootHeadless("--no-overlay --size 800x450 " + args, name);
}

}  // namespace

TEST(Layers, IntegrityCountsTheSimsMisreadsPerDistrict) {
  SimProcess sim({"--final", "--anomaly-rate", "0.01", "--seed", "3"});
  ASSERT_TRUE(sim.ok());
  auto shot = shoot("--source " + sim.url() + " --view 3578 --layer integrity", "integrity_3578");
  ASSERT_EQ(shot.status, 0) << shot.err;
  EXPECT_EQ(shot.sidecar["layer"], "integrity");
  // The sim's misreads by district (the first 6 characters of the TPS code).
  httplib::Client cli("127.0.0.1", sim.port());
  auto r = cli.Get("/_sim/truth");
  ASSERT_TRUE(r && r->status == 200);
  std::map<std::string, int> misread;
  int total = 0;
  for (const auto& t : nlohmann::json::parse(r->body)) {
    const std::string code = t["tps"];
    if (code.rfind("3578", 0) == 0) misread[code.substr(0, 6)]++, total++;
  }
  ASSERT_GT(total, 20);
  int drawn = 0;
  for (const auto& region : shot.sidecar["regions"]) {
    const std::string code = region["code"];
    ASSERT_TRUE(region.contains("flagged_tps")) << code;
    EXPECT_EQ(region["flagged_tps"].get<int>(), misread[code]) << code;
    const double perThousand = 1000.0 * misread[code] / region["checked_tps"].get<double>();
    EXPECT_NEAR(region["value"].get<double>(), perThousand, 1e-9) << code;
    EXPECT_FALSE(region["colour"].is_null()) << code;
    drawn += misread[code];
  }
  EXPECT_EQ(drawn, total) << "every misread district of Surabaya is drawn";
}

TEST(Layers, TurnoutIsVotersOverDptOfTheSoundTps) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  auto shot = shoot("--source " + sim.url() + " --view 3578 --layer turnout", "turnout_3578");
  ASSERT_EQ(shot.status, 0) << shot.err;
  // One district computed by hand from its TPS documents.
  httplib::Client cli("127.0.0.1", sim.port());
  auto list = cli.Get("/pemilu/hhcw/ppwp/35/3578/357801.json");
  ASSERT_TRUE(list && list->status == 200);
  uint64_t dpt = 0, voters = 0;
  const auto district = nlohmann::json::parse(list->body);  // kept: items() refers into it
  for (const auto& [village, row] : district["table"].items()) {
    auto v = cli.Get(("/pemilu/hhcw/ppwp/35/3578/357801/" + village + ".json").c_str());
    ASSERT_TRUE(v && v->status == 200);
    const auto villageDoc = nlohmann::json::parse(v->body);
    for (const auto& [tps, trow] : villageDoc["table"].items()) {
      auto d = cli.Get(("/pemilu/hhcw/ppwp/35/3578/357801/" + village + "/" + tps + ".json").c_str());
      ASSERT_TRUE(d && d->status == 200);
      const auto j = nlohmann::json::parse(d->body);
      if (j["administrasi"].is_null()) continue;
      dpt += j["administrasi"]["pemilih_dpt_j"].get<uint64_t>();
      voters += j["administrasi"]["pengguna_total_j"].get<uint64_t>();
    }
  }
  ASSERT_GT(dpt, 0u);
  bool found = false;
  for (const auto& region : shot.sidecar["regions"]) {
    ASSERT_FALSE(region["value"].is_null()) << region["code"];
    const double turnout = region["value"];
    EXPECT_GT(turnout, 0.5) << region["code"];
    EXPECT_LT(turnout, 1.0) << region["code"];
    if (region["code"] == "357801") {
      EXPECT_NEAR(turnout, static_cast<double>(voters) / static_cast<double>(dpt), 1e-12);
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST(Layers, ChangeComparesWithTheEarlierMoment) {
  // The embedded night at 16:00 against 15:00: every regency with votes at both moments gets a
  // figure in points; the leader's national share moves little, so the figures are small.
  auto shot = shoot("--at \"2024-02-14 16:00\" --since \"2024-02-14 15:00\" --layer change", "change_nation");
  ASSERT_EQ(shot.status, 0) << shot.err;
  EXPECT_EQ(shot.sidecar["layer"], "change");
  int withValue = 0;
  for (const auto& region : shot.sidecar["regions"]) {
    if (region["value"].is_null()) continue;
    ++withValue;
    EXPECT_LT(std::abs(region["value"].get<double>()), 50.0) << region["code"];
  }
  EXPECT_GT(withValue, 300);
  // A live source has no earlier moment: said, not guessed.
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  auto live = shoot("--source " + sim.url() + " --layer change", "change_live");
  EXPECT_EQ(live.status, 1);
  EXPECT_NE(live.err.find("--layer change needs"), std::string::npos) << live.err;
  auto bad = shoot("--layer turnover", "bad_layer");
  EXPECT_NE(bad.status, 0);
  EXPECT_NE(bad.err.find("'turnover'"), std::string::npos) << bad.err;
}

// Recorded with the integrity layer on (so every TPS under the view is in the archive), replayed:
// the same flags per district.
TEST(Layers, IntegrityLayerFollowsAReplayedNight) {
  SimProcess sim({"--final", "--anomaly-rate", "0.01", "--seed", "5"});
  ASSERT_TRUE(sim.ok());
  const std::string archive = pantau::test::tempPath("integrity_archive");
  std::filesystem::remove_all(archive);
  auto live = shoot("--source " + sim.url() + " --view 3578 --layer integrity --record " + archive, "integrity_live");
  ASSERT_EQ(live.status, 0) << live.err;
  auto replayed = shoot("--source archive:" + archive + " --view 3578 --layer integrity", "integrity_replayed");
  ASSERT_EQ(replayed.status, 0) << replayed.err;
  ASSERT_EQ(live.sidecar["regions"].size(), replayed.sidecar["regions"].size());
  int flagged = 0;
  for (std::size_t i = 0; i < live.sidecar["regions"].size(); ++i) {
    const auto &a = live.sidecar["regions"][i], &b = replayed.sidecar["regions"][i];
    EXPECT_EQ(a["code"], b["code"]);
    EXPECT_EQ(a["flagged_tps"], b["flagged_tps"]) << a["code"];
    EXPECT_EQ(a["checked_tps"], b["checked_tps"]) << a["code"];
    flagged += a["flagged_tps"].get<int>();
  }
  EXPECT_GT(flagged, 10);
  std::filesystem::remove_all(archive);
}
