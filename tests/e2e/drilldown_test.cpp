// Drill-down end to end: pantau --headless at every level from the nation to one TPS, the TPS
// view with its photos, and photos that are broken, missing, too large or slow.

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "pantau/data/base/file_io.hpp"
#include "pantau/data/images/form_images.hpp"
#include "sim_process.hpp"
#include "headless_shot.hpp"
#include "test_support.hpp"

using pantau::test::SimProcess;

namespace {

pantau::test::HeadlessShot shoot(const std::string& args, const std::string& name) {
  return pantau::test::shootHeadless("--size 800x450 " + args, name);
}

void fault(const SimProcess& sim, const std::string& path, const std::string& kind) {
  httplib::Client cli("127.0.0.1", sim.port());
  auto r = cli.Post(("/_sim/fault?path=" + path + "&kind=" + kind + "&count=100").c_str(), "", "text/plain");
  ASSERT_TRUE(r && r->status == 200);
}

std::vector<std::string> imagePaths(const SimProcess& sim, const std::string& tpsPath) {
  httplib::Client cli("127.0.0.1", sim.port());
  auto r = cli.Get(tpsPath.c_str());
  std::vector<std::string> paths;
  EXPECT_TRUE(r && r->status == 200) << tpsPath << ": " << (r ? std::to_string(r->status) : httplib::to_string(r.error()));
  if (!r || r->status != 200) return paths;
  const auto doc = nlohmann::json::parse(r->body);  // kept: the loop refers into it
  for (const auto& url : doc["images"]) paths.push_back(*pantau::data::imagePathOf(url.get<std::string>()));
  return paths;
}

}  // namespace

TEST(DrillDown, EveryLevelHasAView) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  // Nation, province and regency maps have tests of their own (headless_map_test, golden_test).
  const std::vector<std::pair<std::string, std::string>> levels{{"357801", "village"}, {"3578011001", "tps"}};
  for (const auto& [code, childLevel] : levels) {
    auto shot = shoot("--source " + sim.url() + " --view " + code, "level_" + code);
    ASSERT_EQ(shot.status, 0) << code << ": " << shot.err;
    EXPECT_EQ(shot.sidecar["view"], code);
    EXPECT_EQ(shot.sidecar["level"], childLevel) << code;
  }
  // The TPS view: its level, its three pages, page 2 read and shown.
  auto tps = shoot("--source " + sim.url() + " --view 3578011001001", "tps_pages");
  ASSERT_EQ(tps.status, 0) << tps.err;
  EXPECT_EQ(tps.sidecar["view"], "3578011001001");
  ASSERT_EQ(tps.sidecar["pages"].size(), 3u);
  EXPECT_EQ(tps.sidecar["pages"][1]["state"], "ready") << tps.sidecar.dump();
}

TEST(DrillDown, UnknownOrMalformedCodesExitNonZeroNamingThem) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  for (const std::string code : {"3578011001999", "35780110019", "../../etc", "357801100100Z"}) {
    auto shot = shoot("--source " + sim.url() + " --view '" + code + "'", "bad_code");
    EXPECT_NE(shot.status, 0) << code;
    EXPECT_NE(shot.err.find("'" + code + "'"), std::string::npos) << shot.err;
  }
}

TEST(DrillDown, MalformedMomentsAreSaidBeforeAnythingStarts) {
  for (const std::string flag : {"--at", "--since"}) {
    auto shot = shoot(flag + " '14 Feb 2024 17:00' --layer change", "bad_moment");
    EXPECT_EQ(shot.status, 2) << flag;
    EXPECT_NE(shot.err.find(flag + ": '14 Feb 2024 17:00' is not"), std::string::npos) << shot.err;
  }
}

TEST(DrillDown, BrokenSlowAndMissingPhotosAreSaidNotShownBlank) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  const std::string tpsPath = "/pemilu/hhcw/ppwp/35/3578/357801/3578011001/3578011001003.json";
  auto pages = imagePaths(sim, tpsPath);
  ASSERT_EQ(pages.size(), 3u);
  fault(sim, pages[0], "slowloris");  // one byte a second: cut off by the low-speed limit
  fault(sim, pages[1], "malformed");  // bytes that are no image
  fault(sim, pages[2], "huge");       // 64 MiB, over the body limit
  auto shot = shoot("--source " + sim.url() + " --view 3578011001003", "bad_photos");
  ASSERT_EQ(shot.status, 0) << shot.err;  // the TPS view is still drawn, with its numbers
  const auto& p = shot.sidecar["pages"];
  ASSERT_EQ(p.size(), 3u) << shot.sidecar.dump() << shot.err;
  for (int i = 0; i < 3; ++i) EXPECT_EQ(p[i]["state"], "failed") << shot.sidecar.dump();
  EXPECT_NE(p[1]["error"].get<std::string>().find("not a JPEG or PNG image"), std::string::npos) << p[1];
  EXPECT_NE(p[2]["error"].get<std::string>().find("limit"), std::string::npos) << p[2];
  EXPECT_FALSE(p[0]["error"].get<std::string>().empty());
  // A 404: said too.
  SimProcess sim2({"--final"});
  ASSERT_TRUE(sim2.ok());
  fault(sim2, imagePaths(sim2, tpsPath)[1], "status:404");
  auto missing = shoot("--source " + sim2.url() + " --view 3578011001003", "photo_404");
  ASSERT_EQ(missing.status, 0) << missing.err;
  EXPECT_EQ(missing.sidecar["pages"][1]["state"], "failed");
  EXPECT_NE(missing.sidecar["pages"][1]["error"].get<std::string>().find("404"), std::string::npos) << missing.sidecar["pages"][1];
}

TEST(DrillDown, ARecordedNightKeepsThePhotosThatWereShown) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  const std::string archive = pantau::test::tempPath("photo_archive");
  std::filesystem::remove_all(archive);
  auto live = shoot("--source " + sim.url() + " --view 3578011001001 --record " + archive, "recorded_tps");
  ASSERT_EQ(live.status, 0) << live.err;
  auto replayed = shoot("--source archive:" + archive + " --view 3578011001001", "replayed_tps");
  ASSERT_EQ(replayed.status, 0) << replayed.err;
  ASSERT_EQ(replayed.sidecar["pages"].size(), 3u);
  for (const auto& p : replayed.sidecar["pages"]) EXPECT_EQ(p["state"], "ready") << p;
  std::filesystem::remove_all(archive);
}
