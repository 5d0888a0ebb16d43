// The window (GLFW on an X server: Xvfb here, Mesa's GL). Its first maps are drawn the quick way
// (MapScene::setQuickMaps: no MSAA, no thin borders) until the first snapshot is on screen, and
// the next frame is the full map: the window says both times, the quick one first, and its
// --screenshot is always a full map, never the quick one.

#include <gtest/gtest.h>

#include <string>

#include "png_compare.hpp"
#include "sim_process.hpp"
#include "test_support.hpp"

using pantau::test::SimProcess;

namespace {

pantau::test::CommandRun windowShot(const std::string& source, const std::string& png, int frames) {
  return pantau::test::runCommand("xvfb-run -a -s '-screen 0 640x360x24' " + std::string(PANTAU_BIN_DIR) +
                                  "/pantau --source " + source + " --size 640x360 --frames " +
                                  std::to_string(frames) + " --screenshot " + png);
}

/// The unix ms of the line "pantau: <what> on screen at T ms (unix time)", -1 when not said.
long long saidAt(const std::string& err, const std::string& what) {
  const std::string head = "pantau: " + what + " on screen at ";
  const auto at = err.find(head);
  return at == std::string::npos ? -1 : std::stoll(err.substr(at + head.size()));
}

/// The share of differing pixels from row `firstRow` down: the map, below the header, whose
/// text (the source's health: errors, documents in backoff, 304s) moves from run to run.
double differingShareBelow(const pantau::test::Image& a, const pantau::test::Image& b, int firstRow) {
  std::size_t differing = 0;
  const std::size_t from = static_cast<std::size_t>(firstRow) * a.w * 3;
  for (std::size_t i = from; i < a.px.size(); i += 3) differing += pantau::test::pixelDiffers(a, b, i);
  return static_cast<double>(differing) / static_cast<double>((a.px.size() - from) / 3);
}

}  // namespace

TEST(Window, FirstMapQuickThenFullAndTheScreenshotIsTheFullMap) {
  // A mirror of the final night: its first read is whole when the window opens (a live source's
  // may still be on its way, and the first frames show what has come).
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  const std::string mirror = pantau::test::freshDir("window_mirror").string();
  const auto m = pantau::test::runCommand(std::string(PANTAU_BIN_DIR) + "/pantau-data mirror " + sim.url() + "/ " +
                                          mirror + " --levels 3");
  ASSERT_EQ(m.status, 0) << m.err;
  const std::string first = pantau::test::tempPath("window_frame1.png"), later = pantau::test::tempPath("window_frame4.png");
  const auto a = windowShot(mirror, first, 1);
  ASSERT_EQ(a.status, 0) << a.err;
  EXPECT_GT(saidAt(a.err, "first map"), 0) << a.err;
  const auto b = windowShot(mirror, later, 4);
  ASSERT_EQ(b.status, 0) << b.err;
  const long long quick = saidAt(b.err, "first map"), full = saidAt(b.err, "first full map");
  ASSERT_GT(quick, 0) << b.err;
  ASSERT_GT(full, 0) << b.err;
  EXPECT_LE(quick, full);
  EXPECT_LT(b.err.find("first map on screen"), b.err.find("first full map on screen")) << "the quick map is shown first";

  // The screenshot asked for after one frame waits for the full map: its map is the settled one
  // of the run that drew four frames (the quick map has no regency borders: 9% of the frame's
  // pixels differ).
  const auto imA = pantau::test::loadPng(first), imB = pantau::test::loadPng(later);
  ASSERT_EQ(imA.w, 640);
  ASSERT_EQ(imB.w, 640);
  ASSERT_EQ(imA.px.size(), imB.px.size());
  EXPECT_LE(differingShareBelow(imA, imB, 72), pantau::test::kMaxDifferingShare);
}
