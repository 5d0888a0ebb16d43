// End to end: pantau-sim at --final -> pantau --headless screenshots of Aceh (11) and Jawa Timur
// (35) -> every regency drawn shows the winner the sim serves for it, in the winner's colour.

#include <gtest/gtest.h>
#include <httplib.h>
#include <stb/stb_image.h>

#include <nlohmann/json.hpp>

#include "pantau/data/base/file_io.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"
#include "sim_process.hpp"
#include "test_support.hpp"

using namespace pantau::data;
using pantau::test::SimProcess;

namespace {

int runPantau(const std::string& args) {
  // Mesa's driver (dlopened by EGL) keeps ~240 bytes past exit, from a module LeakSanitizer cannot
  // name to suppress: leak checks stay on for our own code everywhere else (make asan).
  const std::string cmd = "ASAN_OPTIONS=detect_leaks=0 " + std::string(PANTAU_BIN_DIR) + "/pantau " + args + " 2>" + pantau::test::tempPath("stderr.txt");
  const int st = std::system(cmd.c_str());
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

std::string stderrText() {
  auto t = readFile(pantau::test::tempPath("stderr.txt"), 1 << 20);
  return t ? *t : "";
}

void checkView(const SimProcess& sim, const std::string& province, int minRegions) {
  const std::string png = pantau::test::tempPath("view_") + province + ".png";
  ASSERT_EQ(runPantau("--headless --source " + sim.url() + " --view " + province + " --size 960x540 --no-overlay --screenshot " + png), 0)
      << stderrText();
  // What the sim serves: the province's table of regencies.
  httplib::Client cli("127.0.0.1", sim.port());
  auto r = cli.Get(("/pemilu/hhcw/ppwp/" + province + ".json").c_str());
  ASSERT_TRUE(r && r->status == 200);
  SirekapParser parser;
  Aggregate agg;
  ASSERT_TRUE(parser.parseAggregate(std::string_view(r->body), agg));
  std::map<std::string, CandidateId> served;
  for (const auto& row : agg.rows) {
    uint32_t best = 0;
    for (const auto& v : agg.votes(row))
      if (v.votes > best) best = v.votes, served[std::string(row.code.view())] = v.candidate;
  }

  auto sidecar = readFile(png + ".json", 1 << 24);
  ASSERT_TRUE(sidecar);
  const auto j = nlohmann::json::parse(*sidecar);
  EXPECT_EQ(j["view"], province);
  EXPECT_EQ(j["level"], "regency");
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(png.c_str(), &w, &h, &n, 3);
  ASSERT_TRUE(px);
  ASSERT_EQ(w, 960);
  ASSERT_EQ(h, 540);
  int checked = 0;
  for (const auto& region : j["regions"]) {
    const std::string code = region["code"];
    ASSERT_TRUE(served.count(code)) << code;
    ASSERT_FALSE(region["winner"].is_null()) << code;
    EXPECT_EQ(std::stoul(region["winner"].get<std::string>()), served[code]) << code;
    // The pixel at the region's label point (or one next to it, off a border line) has its colour.
    const std::string hex = region["colour"];
    const int cr = std::stoi(hex.substr(1, 2), nullptr, 16), cg = std::stoi(hex.substr(3, 2), nullptr, 16),
              cb = std::stoi(hex.substr(5, 2), nullptr, 16);
    const int x = static_cast<int>(region["x"].get<double>()), y = static_cast<int>(region["y"].get<double>());
    bool match = false;
    for (int dy = -2; dy <= 2 && !match; ++dy)
      for (int dx = -2; dx <= 2 && !match; ++dx) {
        const int xx = std::clamp(x + dx, 0, w - 1), yy = std::clamp(y + dy, 0, h - 1);
        const unsigned char* p = px + (yy * w + xx) * 3;
        match = std::abs(p[0] - cr) <= 6 && std::abs(p[1] - cg) <= 6 && std::abs(p[2] - cb) <= 6;
      }
    EXPECT_TRUE(match) << code << " at " << x << "," << y << " expected " << hex;
    ++checked;
  }
  stbi_image_free(px);
  EXPECT_GE(checked, minRegions);
}

}  // namespace

TEST(HeadlessMap, RegionsShowTheWinnerTheSimServes) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  checkView(sim, "11", 23);  // Aceh's 23 regencies
  checkView(sim, "35", 38);  // Jawa Timur's 38
}

TEST(HeadlessMap, UnknownOrMalformedViewExitsNonZeroNamingIt) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  const std::string png = pantau::test::tempPath("bad.png");
  EXPECT_NE(runPantau("--headless --source " + sim.url() + " --view 1199 --screenshot " + png), 0);
  EXPECT_NE(stderrText().find("'1199'"), std::string::npos) << stderrText();
  EXPECT_NE(runPantau("--headless --source " + sim.url() + " --view ../11 --screenshot " + png), 0);
  EXPECT_NE(stderrText().find("'../11'"), std::string::npos) << stderrText();
}
