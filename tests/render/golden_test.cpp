// Render tests (MapLibre's habit): a tiny input (the sim's end state, one view, a small size) and
// an expected PNG compared with a stated tolerance. On failure the actual image and a diff image
// are written to build/test-output/; UPDATE=1 rebaselines tests/golden/ from the actual images.
// Rendering is Mesa llvmpipe through EGL surfaceless: no display, no GPU.

#include <gtest/gtest.h>
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#include <cstdlib>
#include <filesystem>

#include "png_compare.hpp"
#include "sim_process.hpp"

namespace {

using pantau::test::Image;
using pantau::test::kMaxDifferingShare;

Image load(const std::string& path) { return pantau::test::loadPng(path); }

void compareActualWithGolden(const std::string& name, const std::string& actual, const std::string& goldenName = "");

std::filesystem::path outputDir() {
  const std::filesystem::path out = std::filesystem::path(PANTAU_BUILD_DIR) / "test-output";
  std::filesystem::create_directories(out);
  return out;
}

void compareWithGolden(const std::string& name, const std::string& args, const pantau::test::SimProcess& sim,
                       const std::string& goldenName = "") {
  const std::string actual = (outputDir() / (name + ".actual.png")).string();
  // ASAN_OPTIONS: see headless_map_test.cpp (Mesa's driver leaks a little at exit, unnamed).
  const std::string cmd = "ASAN_OPTIONS=detect_leaks=0 " + std::string(PANTAU_BIN_DIR) + "/pantau --headless --source " + sim.url() + " " + args +
                          " --screenshot " + actual + " 2>/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  compareActualWithGolden(name, actual, goldenName);
}

/// On air: the first item of a one-item rundown, rendered as a bulk still.
void compareOnAirWithGolden(const std::string& name, const std::string& item, const std::string& args, const pantau::test::SimProcess& sim) {
  const std::filesystem::path dir = outputDir() / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string rundown = (dir / "rundown.toml").string();
  FILE* f = std::fopen(rundown.c_str(), "w");
  ASSERT_TRUE(f);
  std::fprintf(f, "[[item]]\nname = \"still\"\n%s\n", item.c_str());
  std::fclose(f);
  const std::string cmd = "ASAN_OPTIONS=detect_leaks=0 " + std::string(PANTAU_BIN_DIR) + "/pantau --headless --source " + sim.url() +
                          " --rundown " + rundown + " --out " + dir.string() + " " + args + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  const std::string actual = (outputDir() / (name + ".actual.png")).string();
  std::filesystem::copy_file(dir / "000-still.png", actual, std::filesystem::copy_options::overwrite_existing);
  compareActualWithGolden(name, actual);
}

void compareActualWithGolden(const std::string& name, const std::string& actual, const std::string& goldenName) {
  const std::filesystem::path out = outputDir();
  const std::string golden = std::string(PANTAU_SOURCE_DIR) + "/tests/golden/" + (goldenName.empty() ? name : goldenName) + ".png";
  if (const char* u = std::getenv("UPDATE"); u && std::string(u) == "1") {
    std::filesystem::copy_file(actual, golden, std::filesystem::copy_options::overwrite_existing);
    GTEST_SKIP() << "rebaselined " << golden;
  }
  const Image a = load(actual), g = load(golden);
  ASSERT_FALSE(g.px.empty()) << "no golden image " << golden << " (run with UPDATE=1 to create it)";
  ASSERT_EQ(a.w, g.w);
  ASSERT_EQ(a.h, g.h);
  std::vector<unsigned char> diff(a.px.size(), 255);
  std::size_t differing = 0;
  for (std::size_t i = 0; i < a.px.size(); i += 3) {
    if (pantau::test::pixelDiffers(a, g, i)) {
      ++differing;
      diff[i] = 255, diff[i + 1] = 0, diff[i + 2] = 0;
    } else {  // faded copy of the golden, so the red stands out
      for (int c = 0; c < 3; ++c) diff[i + c] = static_cast<unsigned char>(200 + g.px[i + c] / 5);
    }
  }
  const double share = static_cast<double>(differing) / (static_cast<double>(a.px.size()) / 3);
  if (share > kMaxDifferingShare) {
    const std::string diffPath = (out / (name + ".diff.png")).string();
    stbi_write_png(diffPath.c_str(), a.w, a.h, 3, diff.data(), a.w * 3);
    ADD_FAILURE() << name << ": " << share * 100 << "% of pixels differ (tolerance " << kMaxDifferingShare * 100
                  << "%); actual " << actual << ", diff " << diffPath;
  }
}

}  // namespace

TEST(Render, NationWinnerMapWithOverlay) {
  pantau::test::SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  compareWithGolden("nation_winner_960x540", "--size 960x540", sim);
}

TEST(Render, JawaTimurMapAlone) {
  pantau::test::SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  compareWithGolden("jatim_winner_640x360", "--view 35 --size 640x360 --no-overlay", sim);
}

TEST(Render, SurabayaDistrictsEvening) {
  pantau::test::SimProcess sim({"--at", "2024-02-14 17:00", "--speed", "0"});
  ASSERT_TRUE(sim.ok());
  compareWithGolden("surabaya_districts_1700_640x360", "--view 3578 --size 640x360 --lang en", sim);
}

// Below the districts: the views that are not maps. A district's villages and a village's TPS
// as tiles, and one TPS with its numbers and its generated C1 photo (page 2), with 1% misreads so
// that the integrity layer has flags to show.
TEST(Render, DistrictVillagesAsTiles) {
  pantau::test::SimProcess sim({"--final", "--anomaly-rate", "0.01", "--seed", "3"});
  ASSERT_TRUE(sim.ok());
  compareWithGolden("district_357801_tiles_960x540", "--view 357801 --size 960x540", sim);
}

TEST(Render, VillageTpsOnTheIntegrityLayer) {
  pantau::test::SimProcess sim({"--final", "--anomaly-rate", "0.01", "--seed", "3"});
  ASSERT_TRUE(sim.ok());
  compareWithGolden("village_3578301002_integrity_960x540", "--view 3578301002 --layer integrity --size 960x540", sim);
}

TEST(Render, TpsViewWithItsFormPhoto) {
  pantau::test::SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  compareWithGolden("tps_3578011001001_960x540", "--view 3578011001001 --size 960x540", sim);
}

// On air (issue 13): the broadcast theme at 1080p on the map, and at 4K on the equal-area tile map
// of the provinces with the "what moved" panel (the regeneration before the sim's last one).
TEST(Render, OnAirBroadcastThemeNation1080p) {
  pantau::test::SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  compareOnAirWithGolden("onair_nation_1920x1080", "caption = \"Hasil sementara hitung suara KPU\"", "--size 1920x1080", sim);
}

TEST(Render, OnAirTileMap4K) {
  pantau::test::SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  compareOnAirWithGolden("onair_tiles_3840x2160", "map = \"tiles\"", "--size 3840x2160 --lang en", sim);
}

// A moving map settles on the still: after a flight from the nation to Jawa Timur, and after a
// drag out and back over the nation, the full render is the golden of the view without motion.
TEST(Render, FlightSettlesOnTheStill) {
  pantau::test::SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  compareWithGolden("jatim_after_flight_640x360", "--view 35 --size 640x360 --no-overlay --bench-frames 12 --motion fly", sim,
                    "jatim_winner_640x360");
}

TEST(Render, PanSettlesOnTheStill) {
  pantau::test::SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  compareWithGolden("nation_after_pan_960x540", "--size 960x540 --bench-frames 12 --motion pan", sim, "nation_winner_960x540");
}

// A still of the map alone is drawn in horizontal bands straight into its PNG (MapScene::drawStill);
// with --frames 2 the whole image is drawn at once and kept, as in the window. Each band is the
// view shifted (ViewTransform::window): the two differ only where a vertex's float position rounds
// the other way (49 and 340 of 2 million pixels here); a band misplaced by a row would differ in
// thousands. At 13:00 most regions have no data yet: their hatch (a 12-pixel period in window
// coordinates) must run on across the bands' seams.
TEST(Render, AStillInBandsIsTheWholeImage) {
  pantau::test::SimProcess sim({"--at", "2024-02-14 13:00", "--speed", "0"});
  ASSERT_TRUE(sim.ok());
  for (const std::string view : {"", "--view 3578 "}) {
    std::string png[2];
    for (int frames = 1; frames <= 2; ++frames) {
      png[frames - 1] = (outputDir() / ("bands_" + std::to_string(frames) + ".png")).string();
      const std::string cmd = "ASAN_OPTIONS=detect_leaks=0 " + std::string(PANTAU_BIN_DIR) + "/pantau --headless --source " +
                              sim.url() + " " + view + "--size 1920x1080 --no-overlay --frames " + std::to_string(frames) +
                              " --screenshot " + png[frames - 1] + " 2>/dev/null";
      ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    }
    const Image banded = load(png[0]), whole = load(png[1]);
    ASSERT_EQ(banded.px.size(), whole.px.size());
    std::size_t differing = 0;
    for (std::size_t i = 0; i < banded.px.size(); i += 3) differing += banded.px[i] != whole.px[i] || banded.px[i + 1] != whole.px[i + 1] || banded.px[i + 2] != whole.px[i + 2];
    EXPECT_LT(differing, 1000u) << view << ": " << png[0] << " against " << png[1];
  }
}

// The DPR (issue 17): the nation by leading party with the tallies by party and the 4% line, and
// the seat projection's hemicycle, at the end of the simulated night.
TEST(Render, DprNationWinnerByParty) {
  pantau::test::SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  compareWithGolden("dpr_nation_winner_1920x1080", "--contest pdpr --size 1920x1080", sim);
}

TEST(Render, DprSeatHemicycle) {
  pantau::test::SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  compareWithGolden("dpr_seats_1920x1080", "--contest pdpr --view seats --size 1920x1080", sim);
}

TEST(Render, DprDapilMap) {
  pantau::test::SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  compareWithGolden("dpr_dapil_1920x1080", "--contest pdpr --map dapil --size 1920x1080", sim);
}

// The DPD at the nation: every province coloured by the race for its fourth seat, the tightest
// provinces in the table (end of the simulated night).
TEST(Render, DpdNationFourthSeatRace) {
  pantau::test::SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  compareWithGolden("dpd_nation_race_1920x1080", "--contest pdpd --size 1920x1080", sim);
}
